"""SPARQL: querying a built graph with pyoxigraph.

`guard` refuses what a read-only endpoint must not run, `store` loads graphs and executes
queries, `results` serialises answers, `saved` reads the saved questions in `queries/`,
`query` is `kg query` and `serve` is the `kg serve` endpoint.
"""
