-- Spatial types and functions for every module (国土空间基础信息平台, 辅助审查).
CREATE EXTENSION IF NOT EXISTS postgis;
