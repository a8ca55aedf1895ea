-- A project in schema 5, as NQI Workbench wrote it before schema 6: nqi_results keyed by its
-- TEXT planner column (GeoPackage Req 119 wants an INTEGER PRIMARY KEY), constellations without
-- gsl_max_range_km, gsl_min_elevation and isl_shift. Made with nqi import (tests/data/import),
-- nqi plan resilience --n2 --save, nqi plan latency --save, nqi plan satellite --walker
-- 72/6/1:53:550 --isl --min-elev 30 --store "Polar shell" and nqi address, then sqlite3 .dump.
PRAGMA application_id = 1196444487;
PRAGMA user_version = 10300;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE gpkg_spatial_ref_sys (
    srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
    organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
INSERT INTO gpkg_spatial_ref_sys VALUES('Undefined cartesian SRS',-1,'NONE',-1,'undefined','undefined cartesian coordinate reference system');
INSERT INTO gpkg_spatial_ref_sys VALUES('Undefined geographic SRS',0,'NONE',0,'undefined','undefined geographic coordinate reference system');
INSERT INTO gpkg_spatial_ref_sys VALUES('WGS 84 geodetic',4326,'EPSG',4326,'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]','longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
CREATE TABLE gpkg_contents (
    table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
    description TEXT DEFAULT '',
    last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
    CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
INSERT INTO gpkg_contents VALUES('sites','features','sites','Sites: hubs, data centres, ingest sites','2026-12-06T08:07:02.086Z',113.25740000000000406,23.125499999999998834,121.45810000000000172,39.907499999999998863,4326);
INSERT INTO gpkg_contents VALUES('links','features','links','Links along the geodesic','2026-12-06T08:07:02.086Z',113.25740000000000406,23.125499999999998834,121.45810000000000172,39.907499999999998863,4326);
INSERT INTO gpkg_contents VALUES('regions','features','regions','Coverage and residency regions','2026-12-06T08:07:02.086Z',NULL,NULL,NULL,NULL,4326);
INSERT INTO gpkg_contents VALUES('demands','attributes','demands','Traffic demands','2026-12-06T08:07:02.086Z',NULL,NULL,NULL,NULL,NULL);
INSERT INTO gpkg_contents VALUES('constellations','attributes','constellations','Satellite constellations','2026-12-06T08:07:02.086Z',NULL,NULL,NULL,NULL,NULL);
INSERT INTO gpkg_contents VALUES('nqi_results','attributes','nqi_results','Planner results (JSON)','2026-12-06T08:07:02.086Z',NULL,NULL,NULL,NULL,NULL);
INSERT INTO gpkg_contents VALUES('nqi_addresses','attributes','nqi_addresses','IPv6 address plan','2026-12-06T08:07:02.086Z',NULL,NULL,NULL,NULL,NULL);
CREATE TABLE gpkg_geometry_columns (
    table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
    srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
    CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
    CONSTRAINT uk_gc_table_name UNIQUE (table_name),
    CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
    CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
INSERT INTO gpkg_geometry_columns VALUES('sites','geom','POINT',4326,0,0);
INSERT INTO gpkg_geometry_columns VALUES('links','geom','MULTILINESTRING',4326,0,0);
INSERT INTO gpkg_geometry_columns VALUES('regions','geom','MULTIPOLYGON',4326,0,0);
CREATE TABLE nqi_settings (key TEXT PRIMARY KEY NOT NULL, value TEXT);
INSERT INTO nqi_settings VALUES('schema_version','5');
INSERT INTO nqi_settings VALUES('name','Schema 5 project');
INSERT INTO nqi_settings VALUES('author',NULL);
INSERT INTO nqi_settings VALUES('description',NULL);
INSERT INTO nqi_settings VALUES('route_factor','1.5');
INSERT INTO nqi_settings VALUES('currency','CNY');
INSERT INTO nqi_settings VALUES('address_prefix','2001:db8::/32');
INSERT INTO nqi_settings VALUES('next_site_id','4');
INSERT INTO nqi_settings VALUES('next_link_id','4');
INSERT INTO nqi_settings VALUES('next_demand_id','7');
CREATE TABLE sites (
    fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT,
    code TEXT NOT NULL UNIQUE, name TEXT, kind TEXT NOT NULL,
    latitude_deg REAL NOT NULL, longitude_deg REAL NOT NULL, region TEXT,
    gpus INTEGER, power_mw REAL, role TEXT, attributes TEXT);
INSERT INTO sites VALUES(1,X'47500001e61000000101000000287e8cb96b195d405c8fc2f528f44340','BJ','北京 Beijing','national_hub',39.907499999999998863,116.39719999999999799,'Beijing',NULL,NULL,NULL,'{"operator":"CT"}');
INSERT INTO sites VALUES(2,X'47500001e610000001010000000c93a982515d5e40d42b6519e2383f40','SH','上海, Shanghai','metro_dc',31.222200000000000842,121.45810000000000172,'Shanghai',NULL,NULL,NULL,NULL);
INSERT INTO sites VALUES(3,X'47500001e61000000101000000637fd93d79505c40e3a59bc420203740','GZ','Guangzhou','national_hub',23.125499999999998834,113.25740000000000406,'Guangdong',NULL,NULL,NULL,'{"operator":"CU"}');
CREATE TABLE links (
    fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom MULTILINESTRING,
    site_a INTEGER NOT NULL, site_b INTEGER NOT NULL, code_a TEXT, code_b TEXT, name TEXT,
    medium TEXT NOT NULL, capacity_gbps REAL NOT NULL, parallel_count INTEGER NOT NULL,
    length_km REAL, route_factor REAL, igp_metric INTEGER, cost REAL, availability REAL,
    srlg TEXT, route_length_km REAL, latency_ms REAL);
INSERT INTO links VALUES(1,X'47500003e6100000287e8cb96b195d400c93a982515d5e40d42b6519e2383f405c8fc2f528f44340010500000001000000010200000017000000287e8cb96b195d405c8fc2f528f443406e169303ca295d40be13e93f4dc24340abfa3eb8f9395d4032ced0725e9043406df155edfb495d40cb8c43015d5e434054eaabb1d1595d400f41ee5a492c4340e607580d7c695d40cee27cec23fa42409b20e801fc785d409a46b51fedc74240cdbf928a52885d408ff2905ba5954240a6af679c80975d40bbfb55044d63424008157f2687a65d4034f6ae7be43042408426271267b55d402801c2206cfe4140b487104321c45d404bf84650e4cb4140ec517997b6d25d4036d39c644d99414084d356e827e15d40463bdeb5a7664140ce0e7e0976ef5d40fe5ff599f3334140ab01cbc9a1fd5d40a111af643101414090be46f3ab0b5e409029cd6761ce4040f15f4c4b95195e40784718f3839b404077deac925e275e4024ea705499684040b3d2d18508355e4087eadfd7a13540408b2adfdc93425e40495fa6c79d02404084dad34b01505e40bedd99d81a9f3f400c93a982515d5e40d42b6519e2383f40',1,2,'BJ','SH',NULL,'fiber',400.0,1,1318.4000000000000909,NULL,65,NULL,NULL,'JING-HU;Conduit 7',1318.4000000000000909,6.455836857643697968);
INSERT INTO links VALUES(2,X'47500003e6100000637fd93d79505c400c93a982515d5e40e3a59bc420203740d42b6519e2383f4001050000000100000001020000001a0000000c93a982515d5e40d42b6519e2383f40c1cdfc0dc4465e408ed59de18fe83e40a1e30d345c305e404751012afe973e40db30305c191a5e402e71b51e2e473e40c8120beffa035e40f80420e720f63d4058639c5600ee5d40e8c4fda5d7a43d406e743afe28d85d40270c797953533d405892955274c25d40c35f407b95013d40cc13b9c1e1ac5d4055bf9cc09eaf3c40e0fd0bbb70975d400fbd875a705d3c401d4251af20825d40255bc1550b0b3c40509ca710f16c5d406dace5ba70b83b40f5158952e1575d40c936828ea1653b403734cae9f0425d40ad152bd19e123b40edd5984c1f2e5d409fdb8f7f69bf3a4027c67af26b195d4093319092026c3a4022084c54d6045d403a3350ff6a183a40e8e03cec5df05c4081874cb7a3c43940daa2cf3502dc5c40b3346ea8ad7039401e3fd6adc2c75c40c32f1ebd891c3940dda06fd29eb35c407ca658dc38c83840aed50423969f5c405b04c0e9bb733840f5064620a88b5c4007b2afc5131f38401847274cd4775c406b8f4e4d41ca3740f535dd291a645c40a128a15a45753740637fd93d79505c40e3a59bc420203740',2,3,'SH','GZ',NULL,'dci_wave',100.0,1,NULL,NULL,NULL,NULL,NULL,NULL,1814.4445386800571213,8.8848285262143722462);
INSERT INTO links VALUES(3,X'47500003e6100000637fd93d79505c400c93a982515d5e40e3a59bc420203740d42b6519e2383f4001050000000100000001020000001a0000000c93a982515d5e40d42b6519e2383f40c1cdfc0dc4465e408ed59de18fe83e40a1e30d345c305e404751012afe973e40db30305c191a5e402e71b51e2e473e40c8120beffa035e40f80420e720f63d4058639c5600ee5d40e8c4fda5d7a43d406e743afe28d85d40270c797953533d405892955274c25d40c35f407b95013d40cc13b9c1e1ac5d4055bf9cc09eaf3c40e0fd0bbb70975d400fbd875a705d3c401d4251af20825d40255bc1550b0b3c40509ca710f16c5d406dace5ba70b83b40f5158952e1575d40c936828ea1653b403734cae9f0425d40ad152bd19e123b40edd5984c1f2e5d409fdb8f7f69bf3a4027c67af26b195d4093319092026c3a4022084c54d6045d403a3350ff6a183a40e8e03cec5df05c4081874cb7a3c43940daa2cf3502dc5c40b3346ea8ad7039401e3fd6adc2c75c40c32f1ebd891c3940dda06fd29eb35c407ca658dc38c83840aed50423969f5c405b04c0e9bb733840f5064620a88b5c4007b2afc5131f38401847274cd4775c406b8f4e4d41ca3740f535dd291a645c40a128a15a45753740637fd93d79505c40e3a59bc420203740',2,3,'SH','GZ',NULL,'fiber',100.0,1,NULL,NULL,NULL,NULL,NULL,NULL,1814.4445386800571213,8.8848285262143722462);
CREATE TABLE regions (
    fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom MULTIPOLYGON, name TEXT NOT NULL,
    purpose TEXT NOT NULL, unsplit_wkt TEXT);
CREATE TABLE demands (
    fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    source INTEGER NOT NULL, destination INTEGER NOT NULL, source_code TEXT,
    destination_code TEXT, name TEXT, rate_gbps REAL, volume_tb REAL, window_h REAL,
    class TEXT NOT NULL, max_latency_ms REAL, protection TEXT NOT NULL, allowed_regions TEXT);
INSERT INTO demands VALUES(5,1,2,'BJ','SH',NULL,100.0,NULL,NULL,'training_sync',10.0,'1+1','Beijing;Shanghai');
INSERT INTO demands VALUES(6,3,1,'GZ','BJ',NULL,2.5,NULL,NULL,'best_effort',NULL,'none',NULL);
CREATE TABLE constellations (
    fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, name TEXT NOT NULL, shells TEXT,
    tle TEXT, min_elevation_deg REAL NOT NULL, isl_pattern TEXT NOT NULL);
INSERT INTO constellations VALUES(1,'Polar shell','[{"altitude_km":550,"f":1,"inclination_deg":53,"p":6,"t":72}]',NULL,30.0,'plus_grid');
CREATE TABLE nqi_results (
    planner TEXT PRIMARY KEY NOT NULL, created_utc TEXT, options TEXT, input_digest TEXT,
    result TEXT NOT NULL);
INSERT INTO nqi_results VALUES('latency','2026-12-06T08:06:56Z','{"perHopMs":0,"roundTrip":false}','811b827029311d5b3a02e4fe07dca1780a047240cb791fed2dbdf2371f7f0f22','{"circles":{"limitsMs":[1,5,20],"outside":[],"sites":[{"nearestCompute":"BJ","nearestComputeMs":0,"site":"BJ","within":[["BJ"],["BJ"],["BJ","SH","GZ"]]},{"nearestCompute":"SH","nearestComputeMs":0,"site":"SH","within":[["SH"],["SH"],["BJ","SH","GZ"]]},{"nearestCompute":"GZ","nearestComputeMs":0,"site":"GZ","within":[["GZ"],["GZ"],["BJ","SH","GZ"]]}]},"demands":[{"fastestMs":6.455836857643698,"id":5,"latencyMs":6.455836857643698,"maxLatencyMs":10,"violated":false},{"fastestMs":15.34066538385807,"id":6,"latencyMs":15.34066538385807,"violated":false}],"pairs":[{"a":"BJ","b":"GZ","fastestMs":15.34066538385807,"latencyMs":15.34066538385807}],"roundTrip":false,"unrouted":[],"violations":[]}');
INSERT INTO nqi_results VALUES('resilience+n2','2026-12-06T08:06:56Z','{"n2":true,"perHopMs":0}','811b827029311d5b3a02e4fe07dca1780a047240cb791fed2dbdf2371f7f0f22','{"articulationPoints":["SH"],"bridges":[1],"demands":[{"availability":1,"id":5,"normalLatencyMs":6.455836857643698,"scenariosDisconnected":5,"worstLatencyMs":6.455836857643698,"worstScenario":"normal","worstStretch":1},{"availability":1,"id":6,"normalLatencyMs":15.34066538385807,"scenariosDisconnected":7,"worstLatencyMs":15.34066538385807,"worstScenario":"normal","worstStretch":1}],"disconnected":[{"demands":[5,6],"endpointDown":[],"endpointDownGbps":0,"lostGbps":102.5,"scenario":"link 1 BJ-SH"},{"demands":[],"endpointDown":[5,6],"endpointDownGbps":102.5,"lostGbps":0,"scenario":"site BJ"},{"demands":[6],"endpointDown":[5],"endpointDownGbps":100,"lostGbps":2.5,"scenario":"site SH"},{"demands":[],"endpointDown":[6],"endpointDownGbps":2.5,"lostGbps":0,"scenario":"site GZ"},{"demands":[5,6],"endpointDown":[],"endpointDownGbps":0,"lostGbps":102.5,"scenario":"srlg Conduit 7"},{"demands":[5,6],"endpointDown":[],"endpointDownGbps":0,"lostGbps":102.5,"scenario":"srlg JING-HU"},{"demands":[5,6],"endpointDown":[],"endpointDownGbps":0,"lostGbps":102.5,"scenario":"links 1+2"},{"demands":[5,6],"endpointDown":[],"endpointDownGbps":0,"lostGbps":102.5,"scenario":"links 1+3"},{"demands":[6],"endpointDown":[],"endpointDownGbps":0,"lostGbps":2.5,"scenario":"links 2+3"}],"links":[{"a":"BJ","b":"SH","capacityGbps":400,"id":1,"normalLoadGbps":100,"normalUtilization":0.25,"worstLoadGbps":100,"worstScenario":"normal","worstUtilization":0.25},{"a":"SH","b":"GZ","capacityGbps":100,"id":2,"normalLoadGbps":1.25,"normalUtilization":0.0125,"worstLoadGbps":2.5,"worstScenario":"link 3 SH-GZ","worstUtilization":0.025},{"a":"SH","b":"GZ","capacityGbps":100,"id":3,"normalLoadGbps":1.25,"normalUtilization":0.0125,"worstLoadGbps":2.5,"worstScenario":"link 2 SH-GZ","worstUtilization":0.025}],"maxNormalUtilization":0.25,"maxWorstUtilization":0.25,"protection":[{"found":false,"id":5,"problem":"no two link-disjoint paths join BJ and SH"}],"scenarios":11}');
CREATE TABLE nqi_addresses (
    fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, use TEXT NOT NULL, object_id INTEGER NOT NULL,
    prefix TEXT NOT NULL, fixed INTEGER NOT NULL, port_a INTEGER, port_b INTEGER);
INSERT INTO nqi_addresses VALUES(1,'loopback',1,'2001:db8::1/128',0,NULL,NULL);
INSERT INTO nqi_addresses VALUES(2,'loopback',2,'2001:db8::2/128',0,NULL,NULL);
INSERT INTO nqi_addresses VALUES(3,'loopback',3,'2001:db8::3/128',0,NULL,NULL);
INSERT INTO nqi_addresses VALUES(4,'link',1,'2001:db8:0:1::/127',0,0,0);
INSERT INTO nqi_addresses VALUES(5,'link',2,'2001:db8:0:1::2/127',0,1,0);
INSERT INTO nqi_addresses VALUES(6,'link',3,'2001:db8:0:1::4/127',0,2,1);
INSERT INTO nqi_addresses VALUES(7,'locator',1,'2001:db8:1::/64',0,NULL,NULL);
INSERT INTO nqi_addresses VALUES(8,'locator',2,'2001:db8:1:1::/64',0,NULL,NULL);
INSERT INTO nqi_addresses VALUES(9,'locator',3,'2001:db8:1:2::/64',0,NULL,NULL);
INSERT INTO nqi_addresses VALUES(10,'site',1,'2001:db8:2::/48',0,NULL,NULL);
INSERT INTO nqi_addresses VALUES(11,'site',2,'2001:db8:3::/48',0,NULL,NULL);
INSERT INTO nqi_addresses VALUES(12,'site',3,'2001:db8:4::/48',0,NULL,NULL);
INSERT INTO nqi_addresses VALUES(13,'router_id',1,'10.0.0.1/32',0,NULL,NULL);
INSERT INTO nqi_addresses VALUES(14,'router_id',2,'10.0.0.2/32',0,NULL,NULL);
INSERT INTO nqi_addresses VALUES(15,'router_id',3,'10.0.0.3/32',0,NULL,NULL);
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('sites',3);
INSERT INTO sqlite_sequence VALUES('links',3);
INSERT INTO sqlite_sequence VALUES('demands',6);
INSERT INTO sqlite_sequence VALUES('constellations',1);
INSERT INTO sqlite_sequence VALUES('nqi_addresses',15);
COMMIT;
