"""The demo profile: the seed concept notes entered faithfully, for one member country."""

from rcm_desktop.data.demo.meetings import DEMO_COUNTRY, load_demo

__all__ = ["DEMO_COUNTRY", "load_demo"]
