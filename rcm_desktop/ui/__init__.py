"""Everything Qt: the window, its pages, dialogs, table models and background tasks."""
