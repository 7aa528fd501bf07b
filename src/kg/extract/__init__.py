"""Extract: the per-document stages that read a `Doc`, then resolution across documents.

In the order the data takes: `segment` (words and parts of speech), `recognize` (entity
mentions), `relate` (relations between mentions), `figures` (observations), and `resolve`
(mentions of all documents grouped into entities). A stage imports only the stages before
it; `lexicon` and `numbers` are the shared domain tables and helpers every stage may use.
"""
