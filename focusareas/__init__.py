"""Focus areas with their purpose and result goals, agreement periods, projects."""
