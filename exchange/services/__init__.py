"""Writes of the exchange app, one module per part of the flow."""
