"""Commands of build.py that are more than a pipeline run (for example `new`)."""
