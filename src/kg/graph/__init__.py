"""Graph: the RDF side of the build.

`namespace` holds the vocabulary, `rdf` turns documents and entities into triples
(`triples`: compact records, an rdflib graph on request), `turtle` writes them deterministically, `read` loads a built graph back, and `validate`
checks it against the SHACL shapes in `ontology/shapes.ttl`.
"""
