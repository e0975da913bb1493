"""RCM Desk: an offline desk for delegation focal points of the Regional Conference on Migration."""

__version__ = "0.1.0"
APP_NAME = "RCM Desk"
ORGANIZATION_NAME = "RCM Desk"
