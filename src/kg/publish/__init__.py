"""Publish: what users open — the HTML page (`page`), the Gephi/Cytoscape network files
(`network`), other RDF and CSV formats (`export`), and the atomic writing every output
goes through (`atomic`, `outputs`).
"""
