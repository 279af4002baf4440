"""Application services: one module per use case, plain functions over an open store."""
