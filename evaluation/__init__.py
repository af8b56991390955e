"""Measuring the pipeline against hand-read truth: real-document goldens, repair accuracy."""
