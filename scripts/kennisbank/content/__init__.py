"""Reading and checking what contributors write: files → one content model (JSON Schema per kind) → typed objects.

`loader.load_content` is the way in; every problem of every file comes back at once, with file, line and field.
"""
