"""工会规范化建设与民主管理: per union and year (see ``records``)."""
