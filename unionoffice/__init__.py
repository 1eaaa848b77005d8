"""Union Office (街道工会办公系统): a street trade-union office on one offline PC."""

__version__ = "0.1.0"
APP_NAME = "街道工会办公系统"
APP_ID = "UnionOffice"
