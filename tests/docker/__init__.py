"""The Docker image, checked without a Docker engine: see test_image.py."""
