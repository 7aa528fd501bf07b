"""SPARQL: querying a built graph with pyoxigraph.

`guard` decides whether a query may run (on the parsed query), `store` loads graphs and
executes queries, `results` serialises answers and picks their format, `saved` reads the
saved questions in `queries/`, `pool` runs queries in killable, sealed worker processes,
`errors` holds what they raise; `query` is `kg query`, `serve` the `kg serve` endpoint and
`push` is `kg push` (the graph into another SPARQL store).
"""
