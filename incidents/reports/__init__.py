"""From a news report's text to proposed incidents, each with the evidence for its fields."""
