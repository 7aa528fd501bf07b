"""kg: knowledge graphs from Chinese government documents.

    import kg
    g = kg.build(["seeds/"])      # a kg.api.KnowledgeGraph

The API is imported on first use, so `kg query` and `kg serve` start without jieba.
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["build", "KnowledgeGraph", "__version__"]


def __getattr__(name: str):
    if name in ("build", "KnowledgeGraph"):
        from kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
