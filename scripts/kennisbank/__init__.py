"""Engine of the knowledge platform: content model, validation, index and outputs.

It never imports MkDocs; scripts/mkdocs_hooks.py adapts it to MkDocs.
"""
