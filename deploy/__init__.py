"""Deployment: the nginx template and ``make cluster`` (deploy/cluster.py)."""
