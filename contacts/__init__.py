"""People (the Person snippet), the contact directory and vCards."""
