"""Printable workbooks and case sheets, for workshops in places without internet.

`build` makes them with WeasyPrint, outside the MkDocs build; `documents`
writes their HTML from the index and `markup` their Markdown bodies. Where
they live in the site is part of the content model (`content.model`), so
pages link to them without importing this package.
"""
