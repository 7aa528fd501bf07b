"""Ingest: files in, `Doc`s out.

`files` finds and reads input files through `readers/` (text, Markdown, HTML, Word, PDF),
`normalize` cleans the text (full-width forms, traditional characters, broken lines) and
`metadata` reads the title, date and document kind. Nothing here knows about entities.
"""
