"""The core: records, validation, queries, statistics and storage. Never imports Qt."""
