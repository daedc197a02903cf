"""VănPhòng: the digital office of a Party committee office."""
