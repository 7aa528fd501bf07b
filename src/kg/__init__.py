"""kg: knowledge graphs from Chinese government documents."""
__version__ = "0.1.0"
