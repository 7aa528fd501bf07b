"""RDF namespaces of the graph: the contract's core vocabulary and the standards we align with."""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

KG = Namespace("https://w3id.org/gykg/ontology#")
KGR = Namespace("https://w3id.org/gykg/resource/")

# Prefixes bound in every graph we write, so Turtle is readable and stable.
PREFIXES: dict[str, Namespace] = {
    "kg": KG,
    "kgr": KGR,
    "rdf": RDF,
    "rdfs": RDFS,
    "skos": SKOS,
    "xsd": XSD,
    "owl": OWL,
    "prov": PROV,
    "dcterms": DCTERMS,
}

# The six core classes of CONTRACT.md; every entity carries exactly one of them.
CORE_TYPES: tuple[str, ...] = ("AdministrativeArea", "Park", "Project", "Policy", "Program", "Organization")
# Sub-classes of kg:AdministrativeArea and kg:Park added beside the core type.
SUB_TYPES: dict[str, str] = {
    "Province": "AdministrativeArea",
    "City": "AdministrativeArea",
    "District": "AdministrativeArea",
    "Township": "AdministrativeArea",
    "Village": "AdministrativeArea",
    "IndustrialPark": "Park",
    "PublicPark": "Park",
    "ScenicArea": "Park",
}

__all__ = ["KG", "KGR", "PREFIXES", "CORE_TYPES", "SUB_TYPES", "RDF", "RDFS", "SKOS", "XSD", "OWL", "PROV", "DCTERMS"]
