"""Roles, municipal page permissions, the approval workflow, guard and scheduler.

Also the dashboard panels of the secretariat and the editors.
"""
