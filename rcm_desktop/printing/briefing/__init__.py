"""The delegation briefing pack: its data, its sections and the build."""
