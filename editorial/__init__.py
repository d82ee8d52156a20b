"""Roles, page permissions per municipality, the approval workflow, the publishing
guard, dashboard panels and the scheduler.
"""
