"""How connected a build is: the share of entities with at least one relation to another
entity (any relation a document gave them, containment included), for all entities and
for the kinds a reader follows links from: parks, projects and organisations.

Read from the resolved documents and entities, not the written graph, so the number is
the same whichever way the graph is serialised.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kg.doc import Doc
from kg.extract.resolve import Entity

LINKED_KINDS = ("Park", "Project", "Organization")


@dataclass(frozen=True)
class Connectivity:
    entities: int
    connected: int
    core: int  # parks, projects and organisations
    core_connected: int

    @property
    def share(self) -> float:
        return self.connected / self.entities if self.entities else 0.0

    @property
    def core_share(self) -> float:
        return self.core_connected / self.core if self.core else 0.0

    def line(self) -> str:
        return (f"connected: {self.core_connected}/{self.core} parks, projects and organisations "
                f"({self.core_share:.0%}), {self.connected}/{self.entities} of all entities ({self.share:.0%})")


def connected_keys(docs: Iterable[Doc]) -> set[str]:
    """Keys of entities that are an end of a relation to another entity."""
    keys: set[str] = set()
    for doc in docs:
        for relation in doc.relations:
            subject, obj = relation.subject.key, relation.object.key
            if subject and obj and subject != obj:
                keys.update((subject, obj))
    return keys


def connectivity(docs: Iterable[Doc], entities: list[Entity]) -> Connectivity:
    linked = connected_keys(docs)
    core = [e for e in entities if e.type in LINKED_KINDS]
    return Connectivity(len(entities), sum(e.key in linked for e in entities),
                        len(core), sum(e.key in linked for e in core))
