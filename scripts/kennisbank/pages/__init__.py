"""The site's pages, made from the index: Markdown for MkDocs to render, and the parts that finish a rendered page.

`inputs` says what each page shows (a small record per page, also the cache
key's input); `overviews`, `case_page`, `lesson_page`, `browser_page` and
`glossary_terms` make the text; `parts` has the shared link and list helpers
and puts a page together; `finish` is what the adapter calls after MkDocs
rendered a page.
"""
