"""Proposals and appraisals in the one search."""
