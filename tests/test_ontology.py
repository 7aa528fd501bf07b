"""ontology/kg.ttl declares everything the graph uses, documented in Chinese and English,
with the sub-class tree of docs/graph-shape.md; the JSON-LD context only names declared terms."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.graph.namespace import CORE_TYPES, KG, SUB_TYPES

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "kg.ttl", format="turtle")


def declared(ontology: Graph, kind) -> set[URIRef]:
    return {t for t in ontology.subjects(RDF.type, kind) if str(t).startswith(str(KG))}


def kg_terms_used(graph: Graph) -> tuple[set, set]:
    classes = {o for o in graph.objects(None, RDF.type) if str(o).startswith(str(KG))}
    properties = {p for p in graph.predicates() if str(p).startswith(str(KG))}
    return classes, properties


def test_ontology_is_versioned_owl_and_parses_in_oxigraph(ontology):
    head = URIRef("https://w3id.org/gykg/ontology")
    assert (head, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(head, OWL.versionInfo) is not None
    assert len(list(pyoxigraph.parse(path=str(ONTOLOGY / "kg.ttl"), format=pyoxigraph.RdfFormat.TURTLE))) == len(ontology)


def test_every_kg_term_in_the_seed_graph_is_declared(ontology, seed_build):
    classes, properties = kg_terms_used(seed_build.graph)
    individuals = set(ontology.subjects(RDF.type, OWL.NamedIndividual))
    assert classes - declared(ontology, OWL.Class) == set()
    props = declared(ontology, OWL.ObjectProperty) | declared(ontology, OWL.DatatypeProperty)
    assert properties - props == set()
    kinds = {o for o in seed_build.graph.objects(None, KG.observationKind)}
    assert kinds and kinds <= individuals


def test_the_documented_vocabulary_is_declared(ontology):
    classes = declared(ontology, OWL.Class)
    for name in (*CORE_TYPES, *SUB_TYPES, "Document", "Observation", "Evidence"):
        assert KG[name] in classes, name
    props = declared(ontology, OWL.ObjectProperty) | declared(ontology, OWL.DatatypeProperty)
    for name in ("mentionedIn", "fileName", "locatedIn", "partOf", "operatedBy", "implements", "issuedBy",
                 "relatedTo", "subject", "indicator", "value", "unit", "year", "observationKind", "evidence",
                 "document", "sentence", "charStart", "charEnd", "adminCode", "sha256"):
        assert KG[name] in props, name


def test_subclass_tree_matches_the_namespace_module(ontology):
    for sub, core in SUB_TYPES.items():
        assert (KG[sub], RDFS.subClassOf, KG[core]) in ontology
    for core in CORE_TYPES:
        assert (KG[core], RDFS.subClassOf, KG.Entity) in ontology


def test_every_term_has_zh_and_en_labels_and_comments(ontology):
    terms = declared(ontology, OWL.Class) | declared(ontology, OWL.ObjectProperty) \
        | declared(ontology, OWL.DatatypeProperty) | declared(ontology, OWL.NamedIndividual)
    for term in terms:
        for predicate in (RDFS.label, RDFS.comment):
            languages = sorted(o.language for o in ontology.objects(term, predicate))
            assert languages == ["en", "zh"], (term, predicate, languages)


def test_properties_have_domain_and_range(ontology):
    for prop in declared(ontology, OWL.ObjectProperty) | declared(ontology, OWL.DatatypeProperty):
        assert ontology.value(prop, RDFS.domain) is not None, prop
        assert ontology.value(prop, RDFS.range) is not None, prop


def test_value_year_and_locatedin_ranges_follow_the_contract(ontology):
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert str(ontology.value(KG.value, RDFS.range)) == xsd + "decimal"
    assert str(ontology.value(KG.year, RDFS.range)) == xsd + "integer"
    assert ontology.value(KG.locatedIn, RDFS.range) == KG.AdministrativeArea


def test_jsonld_context_names_only_declared_properties(ontology):
    context = json.loads((ONTOLOGY / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    prefixes = {k: v for k, v in context.items() if isinstance(v, str)}
    assert prefixes["kg"] == str(KG)
    props = declared(ontology, OWL.ObjectProperty) | declared(ontology, OWL.DatatypeProperty)
    for term, definition in context.items():
        if isinstance(definition, dict) and definition["@id"].startswith("kg:"):
            assert KG[definition["@id"][3:]] in props, term
            if definition.get("@type") == "@id":
                assert (KG[definition["@id"][3:]], RDF.type, OWL.ObjectProperty) in ontology, term
