"""kg: a knowledge graph of China's cybersecurity and data-protection law."""

__version__ = "0.1.0"
