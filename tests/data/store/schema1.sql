-- A project in schema 1, the layout of the development previews (no links.route_factor, cost,
-- availability, no sites.attributes). Geometries are left empty: the store reads coordinates
-- from the attribute columns.
PRAGMA application_id = 1196444487;
PRAGMA user_version = 10300;
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84"]', '');
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL);
CREATE TABLE nqi_settings (key TEXT PRIMARY KEY NOT NULL, value TEXT);
INSERT INTO nqi_settings VALUES ('schema_version', '1'), ('name', 'Preview project'), ('route_factor', '1.5'), ('next_site_id', '3'), ('next_link_id', '2'), ('next_demand_id', '2');
CREATE TABLE sites (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT, code TEXT NOT NULL UNIQUE, name TEXT, kind TEXT NOT NULL, latitude_deg REAL NOT NULL, longitude_deg REAL NOT NULL, region TEXT, gpus INTEGER, power_mw REAL, role TEXT);
INSERT INTO sites (fid, code, name, kind, latitude_deg, longitude_deg, region) VALUES (1, 'BJ', '北京', 'national_hub', 39.9075, 116.3972, 'Beijing'), (2, 'SH', '上海', 'national_hub', 31.2222, 121.4581, 'Shanghai');
CREATE TABLE links (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom LINESTRING, site_a INTEGER NOT NULL, site_b INTEGER NOT NULL, code_a TEXT, code_b TEXT, name TEXT, medium TEXT NOT NULL, capacity_gbps REAL NOT NULL, parallel_count INTEGER NOT NULL, length_km REAL, igp_metric INTEGER, srlg TEXT, route_length_km REAL, latency_ms REAL);
INSERT INTO links (fid, site_a, site_b, code_a, code_b, medium, capacity_gbps, parallel_count, length_km, igp_metric, srlg) VALUES (1, 1, 2, 'BJ', 'SH', 'fiber', 400, 2, 1318.4, 65, 'JING-HU');
CREATE TABLE regions (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POLYGON, name TEXT NOT NULL, purpose TEXT NOT NULL);
CREATE TABLE demands (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, source INTEGER NOT NULL, destination INTEGER NOT NULL, source_code TEXT, destination_code TEXT, name TEXT, rate_gbps REAL, volume_tb REAL, window_h REAL, class TEXT NOT NULL, max_latency_ms REAL, protection TEXT NOT NULL, allowed_regions TEXT);
INSERT INTO demands (fid, source, destination, rate_gbps, class, protection) VALUES (1, 1, 2, 100, 'replication', 'none');
CREATE TABLE constellations (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, name TEXT NOT NULL, shells TEXT, tle TEXT, min_elevation_deg REAL NOT NULL, isl_pattern TEXT NOT NULL);
