"""Step 2: check every source against the rules; only valid sources become the model."""
