"""Use-case functions: each opens its own unit of work and returns plain dataclasses."""
