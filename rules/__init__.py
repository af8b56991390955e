"""rules: normalized text → typed findings (outline, metadata, goals, targets, deadlines, ...)."""
