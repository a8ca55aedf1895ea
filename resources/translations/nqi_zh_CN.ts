<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>nqi::widgets::PlannerForm</name>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>未指定</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number</source>
        <translation>%1：“%2”不是数字</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::AddDemandTool</name>
    <message>
        <source>Training sync</source>
        <translation>训练同步</translation>
    </message>
    <message>
        <source>Bulk ingest</source>
        <translation>批量入算</translation>
    </message>
    <message>
        <source>Inference</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>Replication</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Best effort</source>
        <translation>尽力而为</translation>
    </message>
    <message>
        <source>New demand %1 → %2</source>
        <translation>新需求 %1 → %2</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>速率</translation>
    </message>
    <message>
        <source> Gbps</source>
        <translation> Gbps</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>The demand %1 → %2 cannot be routed: no links join %1 and %2. Add links between them, or it stays unrouted.</source>
        <translation>需求 %1 → %2 无法路由：没有链路连接 %1 和 %2。请在它们之间添加链路，否则它将保持未路由。</translation>
    </message>
    <message>
        <source>Click the site the traffic comes from.</source>
        <translation>请点击流量的源站点。</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::AddLinkTool</name>
    <message>
        <source>New link %1 – %2</source>
        <translation>新链路 %1 – %2</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source> Gbps</source>
        <translation> Gbps</translation>
    </message>
    <message>
        <source>Click the site the link starts at.</source>
        <translation>请点击链路起点的站点。</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::AddSiteTool</name>
    <message>
        <source>Click the map to place a site.</source>
        <translation>点击地图放置站点。</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::Basemap</name>
    <message>
        <source>No basemap: install the qgis-common package (world_map.gpkg) or add a GeoPackage of countries in the Layers dock.</source>
        <translation>没有底图：请安装 qgis-common 软件包（world_map.gpkg），或在图层面板中添加国家边界的 GeoPackage。</translation>
    </message>
    <message>
        <source>Basemap %1 could not be read: %2</source>
        <translation>无法读取底图 %1：%2</translation>
    </message>
    <message>
        <source>Layer %1 of %2 could not be read: %3</source>
        <translation>无法读取 %2 中的图层 %1：%3</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::ConfigExportDialog</name>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Device Configurations</source>
        <translation>设备配置</translation>
    </message>
    <message>
        <source>FRR (frr.conf)</source>
        <translation>FRR（frr.conf）</translation>
    </message>
    <message>
        <source>Huawei VRP</source>
        <translation>华为 VRP</translation>
    </message>
    <message>
        <source>Cisco IOS XR</source>
        <translation>思科 IOS XR</translation>
    </message>
    <message>
        <source>Juniper Junos</source>
        <translation>瞻博 Junos</translation>
    </message>
    <message>
        <source>Dialect</source>
        <translation>配置方言</translation>
    </message>
    <message>
        <source>Preview of router</source>
        <translation>预览路由器</translation>
    </message>
    <message>
        <source>The address plan cannot be made: %1</source>
        <translation>无法生成地址规划：%1</translation>
    </message>
    <message>
        <source>No site has links: there is no router to configure.</source>
        <translation>没有站点有链路：没有需要配置的路由器。</translation>
    </message>
    <message>
        <source>%1, line %2: %3</source>
        <translation>%1，第 %2 行：%3</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>接口</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>前缀长度</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链路</translation>
    </message>
    <message>
        <source>Peer site</source>
        <translation>对端站点</translation>
    </message>
    <message>
        <source>Peer interface</source>
        <translation>对端接口</translation>
    </message>
    <message>
        <source> (new blocks: stored in the project on export)</source>
        <translation>（新分配的地址块：导出时保存到项目）</translation>
    </message>
    <message>
        <source>Folder for the Configurations</source>
        <translation>配置文件的目标文件夹</translation>
    </message>
    <message>
        <source>Replace Folder</source>
        <translation>替换文件夹</translation>
    </message>
    <message>
        <source>%1 exists. Replace it?</source>
        <translation>%1 已存在。要替换吗？</translation>
    </message>
    <message>
        <source>Written to %1.</source>
        <translation>已写入 %1。</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Allocate Address Plan</source>
        <translation>分配地址规划</translation>
    </message>
    <message numerus="yes">
        <source>%n router(s); address plan %1%2.</source>
        <translation>
            <numerusform>%n 台路由器；地址规划 %1%2。</numerusform>
        </translation>
    </message>
    <message>
        <source>Address Plan</source>
        <translation>地址规划</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::Document</name>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::DrawRegionTool</name>
    <message>
        <source>A region needs at least three points.</source>
        <translation>区域至少需要三个点。</translation>
    </message>
    <message>
        <source>Click to add points; double-click or Enter closes the region, Esc cancels.</source>
        <translation>点击添加顶点；双击或回车闭合区域，Esc 取消。</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::Inspector</name>
    <message>
        <source>Select sites or links on the map or in the Project dock to edit them here.</source>
        <translation>在地图或“项目”面板中选择站点或链路，即可在此编辑。</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Latitude (°)</source>
        <translation>纬度（°）</translation>
    </message>
    <message>
        <source>Longitude (°)</source>
        <translation>经度（°）</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>GPU 数量</translation>
    </message>
    <message>
        <source>Power (MW)</source>
        <translation>功率（MW）</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>介质</translation>
    </message>
    <message>
        <source>Capacity per circuit (Gbps)</source>
        <translation>单电路容量（Gbps）</translation>
    </message>
    <message>
        <source>Parallel circuits</source>
        <translation>并行电路数</translation>
    </message>
    <message>
        <source>Route length (km)</source>
        <translation>路由长度（km）</translation>
    </message>
    <message>
        <source>Route factor</source>
        <translation>路由系数</translation>
    </message>
    <message>
        <source>IGP metric</source>
        <translation>IGP 度量</translation>
    </message>
    <message>
        <source>SRLGs (; separated)</source>
        <translation>SRLG（用 ; 分隔）</translation>
    </message>
    <message>
        <source>Cost per year</source>
        <translation>年成本</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>可用性</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n sites&lt;/b&gt; (fields they share)</source>
        <translation>
            <numerusform>&lt;b&gt;%n 个站点&lt;/b&gt;（共有字段）</numerusform>
        </translation>
    </message>
    <message>
        <source>(differs)</source>
        <translation>（各不相同）</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n links&lt;/b&gt; (values of the first; edits apply to all)</source>
        <translation>
            <numerusform>&lt;b&gt;%n 条链路&lt;/b&gt;（显示第一条的值；修改作用于全部）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (geodesic × route factor)</source>
        <translation>%1（测地线 × 路由系数）</translation>
    </message>
    <message>
        <source>%1 (project)</source>
        <translation>%1（项目设置）</translation>
    </message>
    <message>
        <source>Geodesic %1 km · route %2 km · %3 ms one way in fibre</source>
        <translation>测地线 %1 km · 路由 %2 km · 光纤单向 %3 ms</translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing selected&lt;/b&gt;</source>
        <translation>&lt;b&gt;未选择对象&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Change Kind to %1</source>
        <translation>类型改为 %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid number; nothing was changed.</source>
        <translation>“%1”不是有效数字；未做任何修改。</translation>
    </message>
    <message>
        <source>; nothing was changed.</source>
        <translation>；未做任何修改。</translation>
    </message>
    <message>
        <source>Update Site %1</source>
        <translation>编辑站点 %1</translation>
    </message>
    <message numerus="yes">
        <source>Update %n Sites</source>
        <translation>
            <numerusform>编辑 %n 个站点</numerusform>
        </translation>
    </message>
    <message>
        <source>Change Medium to %1</source>
        <translation>介质改为 %1</translation>
    </message>
    <message>
        <source>Update Link #%1</source>
        <translation>编辑链路 #%1</translation>
    </message>
    <message numerus="yes">
        <source>Update %n Links</source>
        <translation>
            <numerusform>编辑 %n 条链路</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Planner results&lt;/b&gt; (double-click to show)</source>
        <translation>&lt;b&gt;规划结果&lt;/b&gt;（双击查看）</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 – %2&lt;/b&gt; · link #%3</source>
        <translation>&lt;b&gt;%1 – %2&lt;/b&gt; · 链路 #%3</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::LayersPanel</name>
    <message>
        <source>Site labels</source>
        <translation>站点标注</translation>
    </message>
    <message>
        <source>Provinces and states</source>
        <translation>省级行政区</translation>
    </message>
    <message>
        <source>Basemap (countries)</source>
        <translation>底图（国家）</translation>
    </message>
    <message>
        <source>Graticule</source>
        <translation>经纬网</translation>
    </message>
    <message>
        <source>Layers over the basemap (top of the list on top):</source>
        <translation>底图之上的图层（列表顶部的图层在最上层）：</translation>
    </message>
    <message>
        <source>Add a layer from any vector file GDAL reads</source>
        <translation>从 GDAL 可读的任意矢量文件添加图层</translation>
    </message>
    <message>
        <source>Remove the selected layer</source>
        <translation>移除所选图层</translation>
    </message>
    <message>
        <source>Draw the selected layer higher</source>
        <translation>将所选图层上移</translation>
    </message>
    <message>
        <source>Draw the selected layer lower</source>
        <translation>将所选图层下移</translation>
    </message>
    <message>
        <source>Style…</source>
        <translation>样式…</translation>
    </message>
    <message>
        <source>Colour, opacity and line width of the selected layer</source>
        <translation>所选图层的颜色、不透明度和线宽</translation>
    </message>
    <message>
        <source>No basemap found.</source>
        <translation>未找到底图。</translation>
    </message>
    <message>
        <source>Basemap: %1 (Natural Earth, public domain)</source>
        <translation>底图：%1（Natural Earth，公有领域）</translation>
    </message>
    <message>
        <source>Add Layer</source>
        <translation>添加图层</translation>
    </message>
    <message>
        <source>Vector data (*.gpkg *.shp *.geojson *.json *.kml *.fgb *.gml *.csv);;All files (*)</source>
        <translation>矢量数据 (*.gpkg *.shp *.geojson *.json *.kml *.fgb *.gml *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot add layer</source>
        <translation>无法添加图层</translation>
    </message>
    <message>
        <source>%1 holds no layer with geometries.</source>
        <translation>%1 中没有包含几何的图层。</translation>
    </message>
    <message>
        <source>Layer of %1:</source>
        <translation>%1 中的图层：</translation>
    </message>
    <message>
        <source>Colour and opacity of %1</source>
        <translation>%1 的颜色与不透明度</translation>
    </message>
    <message>
        <source>Line width</source>
        <translation>线宽</translation>
    </message>
    <message>
        <source>Line width in pixels:</source>
        <translation>线宽（像素）：</translation>
    </message>
    <message>
        <source>%1 (loading…)</source>
        <translation>%1（加载中…）</translation>
    </message>
    <message>
        <source>Demands as flow lines</source>
        <translation>以流向线显示需求</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::MapCanvas</name>
    <message>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>%L1 demands are too many to draw as lines; the first %L2 are shown.</source>
        <translation>需求数 %L1 过多，无法全部绘制；仅显示前 %L2 个。</translation>
    </message>
    <message>
        <source>Demand #%1: %2 → %3, %4 Gbps</source>
        <translation>需求 #%1：%2 → %3，%4 Gbps</translation>
    </message>
    <message>
        <source>below 50%</source>
        <translation>低于 50%</translation>
    </message>
    <message>
        <source>50–70%</source>
        <translation>50–70%</translation>
    </message>
    <message>
        <source>70–80%</source>
        <translation>70–80%</translation>
    </message>
    <message>
        <source>80–100%</source>
        <translation>80–100%</translation>
    </message>
    <message>
        <source>over 100%</source>
        <translation>超过 100%</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::MeasureTool</name>
    <message>
        <source>%L1 km geodesic
fibre ×%2: %L3 km, %L4 ms one way</source>
        <translation>测地线 %L1 km
光纤 ×%2：%L3 km，单向 %L4 ms</translation>
    </message>
    <message>
        <source>Click the other end of the measurement; Esc clears it.</source>
        <translation>点击测量的另一端；Esc 清除。</translation>
    </message>
    <message>
        <source>Click two points to measure the geodesic between them.</source>
        <translation>点击两点，测量其间的测地线。</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::MessageBar</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close the message</source>
        <translation>关闭此消息</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::MoveSiteTool</name>
    <message>
        <source>Move Site %1</source>
        <translation>移动站点 %1</translation>
    </message>
    <message>
        <source>Drag a site to move it.</source>
        <translation>拖动站点以移动它。</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::ObjectTableModel</name>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Lat</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Lon</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>GPU 数量</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A 端</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B 端</translation>
    </message>
    <message>
        <source>Capacity (Gbps)</source>
        <translation>容量（Gbps）</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>介质</translation>
    </message>
    <message>
        <source>Length (km)</source>
        <translation>长度（km）</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>时延（ms）</translation>
    </message>
    <message>
        <source>IGP metric</source>
        <translation>IGP 度量</translation>
    </message>
    <message>
        <source>SRLGs</source>
        <translation>SRLG</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>源</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目的</translation>
    </message>
    <message>
        <source>Rate (Gbps)</source>
        <translation>速率（Gbps）</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Max latency (ms)</source>
        <translation>最大时延（ms）</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>保护</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>允许区域</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::PanTool</name>
    <message>
        <source>Drag to move the map.</source>
        <translation>拖动以移动地图。</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::ProjectDock</name>
    <message>
        <source>Sites</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>链路</translation>
    </message>
    <message>
        <source>Demands</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>NQI projects (*.gpkg)</source>
        <translation>NQI 项目 (*.gpkg)</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::ResultsView</name>
    <message>
        <source> (%1 of %2 listed: %3)</source>
        <translation>（列出 %2 项中的 %1 项：%3）</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%2 的 %1</translation>
    </message>
    <message>
        <source>%1 (%), the last bar 110% and above</source>
        <translation>%1（%），最后一栏为 110% 及以上</translation>
    </message>
    <message>
        <source>Fraction of links</source>
        <translation>链路占比</translation>
    </message>
    <message>
        <source>Fraction of sites</source>
        <translation>站点占比</translation>
    </message>
    <message>
        <source>Fraction of failures</source>
        <translation>故障占比</translation>
    </message>
    <message>
        <source>Cumulative fraction</source>
        <translation>累积占比</translation>
    </message>
    <message>
        <source>%1, by %2</source>
        <translation>%1，按%2排序</translation>
    </message>
    <message>
        <source>%1: the %2 largest of %3</source>
        <translation>%1：%3 项中最大的 %2 项</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <source>No results yet: run a planner from the Plan menu.</source>
        <translation>尚无结果：请从“规划”菜单运行规划器。</translation>
    </message>
    <message>
        <source>%1, computed %2.</source>
        <translation>%1，计算于 %2。</translation>
    </message>
    <message>
        <source>The network has changed since: run it again for current figures.</source>
        <translation>网络此后已修改：请重新运行以获得当前数据。</translation>
    </message>
    <message>
        <source>Worst-case utilisation</source>
        <translation>最坏情况利用率</translation>
    </message>
    <message>
        <source>Utilisation</source>
        <translation>利用率</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>链路</translation>
    </message>
    <message>
        <source>Utilisation (%), the last bar 110% and above</source>
        <translation>利用率（%），最后一栏为 110% 及以上</translation>
    </message>
    <message>
        <source>Over IGP paths</source>
        <translation>沿 IGP 路径</translation>
    </message>
    <message>
        <source>Over the fastest paths</source>
        <translation>沿最快路径</translation>
    </message>
    <message>
        <source>One-way latency (ms)</source>
        <translation>单向时延（ms）</translation>
    </message>
    <message>
        <source>Fraction of demands</source>
        <translation>需求占比</translation>
    </message>
    <message>
        <source>Worst case</source>
        <translation>最坏情况</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Links, by worst-case utilisation</source>
        <translation>链路（按最坏情况利用率排序）</translation>
    </message>
    <message>
        <source>Utilisation (%)</source>
        <translation>利用率（%）</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>中断</translation>
    </message>
    <message>
        <source>The 20 failures that cut the most traffic</source>
        <translation>中断流量最多的 20 个故障</translation>
    </message>
    <message>
        <source>Traffic cut off (Gbps)</source>
        <translation>中断流量（Gbps）</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Cost (%1)</source>
        <translation>成本（%1）</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Server–leaf</source>
        <translation>服务器–叶</translation>
    </message>
    <message>
        <source>Leaf–spine</source>
        <translation>叶–脊</translation>
    </message>
    <message>
        <source>Spine–core</source>
        <translation>脊–核心</translation>
    </message>
    <message>
        <source>Cables</source>
        <translation>线缆</translation>
    </message>
    <message>
        <source>Switches (leaf, spine, core)</source>
        <translation>交换机（叶、脊、核心）</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Count (log scale)</source>
        <translation>数量（对数坐标）</translation>
    </message>
    <message>
        <source>Headroom needed</source>
        <translation>所需余量</translation>
    </message>
    <message>
        <source>This link</source>
        <translation>本链路</translation>
    </message>
    <message>
        <source>Route length (km)</source>
        <translation>路由长度（km）</translation>
    </message>
    <message>
        <source>PFC headroom per port and priority (MB)</source>
        <translation>每端口每优先级 PFC 余量（MB）</translation>
    </message>
    <message>
        <source>Transfer time</source>
        <translation>传输时间</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>时间窗</translation>
    </message>
    <message>
        <source>Line rate (Gb/s, log scale)</source>
        <translation>线路速率（Gb/s，对数坐标）</translation>
    </message>
    <message>
        <source>Hours (log scale)</source>
        <translation>小时（对数坐标）</translation>
    </message>
    <message>
        <source>It cannot be used: %1. Run the planner again.</source>
        <translation>该结果无法使用：%1。请重新运行规划器。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Link %1</source>
        <translation>链路 %1</translation>
    </message>
    <message>
        <source>Sites %1</source>
        <translation>站点 %1</translation>
    </message>
    <message>
        <source>Demand %1 is no longer in the project.</source>
        <translation>需求 %1 已不在项目中。</translation>
    </message>
    <message>
        <source>Demand %1 %2→%3 has no path.</source>
        <translation>需求 %1 %2→%3 没有路径。</translation>
    </message>
    <message>
        <source>Demand %1 %2→%3: its share on each link</source>
        <translation>需求 %1 %2→%3：各链路上的分担比例</translation>
    </message>
    <message>
        <source>%1 is not in the project as it is now.</source>
        <translation>当前项目中已没有 %1。</translation>
    </message>
    <message>
        <source>Utilisation under %1, the worst case of link %2 (both selected)</source>
        <translation>%1 下的利用率，即链路 %2 的最坏情况（二者均已选中）</translation>
    </message>
    <message>
        <source>Utilisation under %1 (failed: selected)</source>
        <translation>%1 下的利用率（故障对象：已选中）</translation>
    </message>
    <message>
        <source>Link id: the %1 costliest of %2 links to upgrade</source>
        <translation>链路编号：%2 条待扩容链路中成本最高的 %1 条</translation>
    </message>
    <message>
        <source>Link id of each link to upgrade</source>
        <translation>各待扩容链路的编号</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::SatellitePanel</name>
    <message>
        <source>Constellation shown on the map</source>
        <translation>地图上显示的星座</translation>
    </message>
    <message>
        <source>Walker…</source>
        <translation>Walker…</translation>
    </message>
    <message>
        <source>Add a Walker-delta shell T/P/F at an inclination and altitude</source>
        <translation>按倾角和高度添加 Walker-delta 星座壳层 T/P/F</translation>
    </message>
    <message>
        <source>TLE…</source>
        <translation>TLE…</translation>
    </message>
    <message>
        <source>Add the satellites of a two- or three-line element file</source>
        <translation>添加两行或三行根数文件中的卫星</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>%1 min/step</source>
        <translation>%1 分钟/步</translation>
    </message>
    <message>
        <source>Footprints</source>
        <translation>覆盖区</translation>
    </message>
    <message>
        <source>Ground tracks</source>
        <translation>星下点轨迹</translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <source>A project region, or a box W,S,E,N in degrees</source>
        <translation>项目中的区域，或经纬度范围 西,南,东,北（度）</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source> °</source>
        <translation> °</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Minimum elevation</source>
        <translation>最小仰角</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>时间窗口</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步长</translation>
    </message>
    <message>
        <source>Compute Coverage</source>
        <translation>计算覆盖</translation>
    </message>
    <message>
        <source>Area covered (%)</source>
        <translation>覆盖面积（%）</translation>
    </message>
    <message>
        <source>Satellites in view (mean)</source>
        <translation>可见卫星数（平均）</translation>
    </message>
    <message>
        <source>Hours from the start</source>
        <translation>自开始起的小时数</translation>
    </message>
    <message>
        <source>Covered (%)</source>
        <translation>覆盖（%）</translation>
    </message>
    <message>
        <source>In view</source>
        <translation>可见数</translation>
    </message>
    <message>
        <source>Latency between two sites</source>
        <translation>两站点间时延</translation>
    </message>
    <message>
        <source>Inter-satellite links (+Grid)</source>
        <translation>星间链路（+Grid）</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>To</source>
        <translation>终点</translation>
    </message>
    <message>
        <source>Compute Latency</source>
        <translation>计算时延</translation>
    </message>
    <message>
        <source>Bent pipe</source>
        <translation>透明转发</translation>
    </message>
    <message>
        <source>Inter-satellite links</source>
        <translation>星间链路</translation>
    </message>
    <message>
        <source>Terrestrial fibre</source>
        <translation>地面光纤</translation>
    </message>
    <message>
        <source>One-way latency (ms)</source>
        <translation>单向时延（毫秒）</translation>
    </message>
    <message>
        <source>%1 UTC, %2 satellites</source>
        <translation>%1 UTC，%2 颗卫星</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Walker Shell</source>
        <translation>Walker 壳层</translation>
    </message>
    <message>
        <source>TLE File</source>
        <translation>TLE 文件</translation>
    </message>
    <message>
        <source>%1

Keep the element sets that can be read and leave the bad ones out?</source>
        <translation>%1

保留可读取的根数组并略去有问题的吗？</translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <source>Shell T/P/F:inclination:altitude km (T satellites in P planes, phasing F):</source>
        <translation>壳层 T/P/F:倾角:高度千米（T 颗卫星分布于 P 个轨道面，相位因子 F）：</translation>
    </message>
    <message>
        <source>Element sets (*.tle *.txt);;All files (*)</source>
        <translation>根数文件 (*.tle *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a region of the project nor a box W,S,E,N in degrees.</source>
        <translation>“%1”既不是项目中的区域，也不是经纬度范围 西,南,东,北（度）。</translation>
    </message>
    <message>
        <source>%1 cancelled.</source>
        <translation>%1已取消。</translation>
    </message>
    <message>
        <source>Satellites</source>
        <translation>卫星</translation>
    </message>
    <message>
        <source>Add a constellation first (Walker shell or TLE file).</source>
        <translation>请先添加星座（Walker 壳层或 TLE 文件）。</translation>
    </message>
    <message>
        <source>Computing coverage…</source>
        <translation>正在计算覆盖…</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>时延</translation>
    </message>
    <message>
        <source>Choose a constellation and two different sites.</source>
        <translation>请选择一个星座和两个不同的站点。</translation>
    </message>
    <message>
        <source>Computing latency…</source>
        <translation>正在计算时延…</translation>
    </message>
    <message>
        <source>%1 ms mean (%2..%3), available %4 %</source>
        <translation>平均 %1 毫秒（%2..%3），可用 %4 %</translation>
    </message>
    <message>
        <source>no path</source>
        <translation>无路径</translation>
    </message>
    <message>
        <source>%1 to %2, %3 km apart. Bent pipe: %4.</source>
        <translation>%1 至 %2，相距 %3 千米。透明转发：%4。</translation>
    </message>
    <message>
        <source>Terrestrial fibre: %1 ms.</source>
        <translation>地面光纤：%1 毫秒。</translation>
    </message>
    <message>
        <source>No terrestrial path.</source>
        <translation>无地面路径。</translation>
    </message>
    <message>
        <source>%1: %2 cells, %3 steps. Covered %4 % on average, at least %5 %; longest gap %6 s; %7 satellites in view on average, at least %8.</source>
        <translation>%1：%2 个网格，%3 个时间步。平均覆盖 %4 %，最低 %5 %；最长中断 %6 秒；平均可见 %7 颗卫星，最少 %8 颗。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Hypatia&apos;s ground-satellite rule: a place links the satellites within this straight-line distance (none: the minimum elevation alone)</source>
        <translation>Hypatia 的星地链路规则：地面站点与此直线距离内的卫星建立链路（无：仅按最小仰角）</translation>
    </message>
    <message>
        <source>and minimum elevation</source>
        <translation>且满足最小仰角</translation>
    </message>
    <message>
        <source>Checked: both limits hold. Unchecked: the range alone, whatever the elevation, as in Hypatia</source>
        <translation>勾选：两个限制同时生效。不勾选：仅按斜距，不论仰角，与 Hypatia 相同</translation>
    </message>
    <message>
        <source>Max slant range (km)</source>
        <translation>最大斜距（km）</translation>
    </message>
    <message>
        <source>+Grid</source>
        <translation>+Grid</translation>
    </message>
    <message>
        <source>nqi&apos;s +Grid: each satellite to the same slot in the adjacent planes</source>
        <translation>NQI 的 +Grid：每颗卫星连接相邻轨道面中同一位置的卫星</translation>
    </message>
    <message>
        <source>Hypatia&apos;s</source>
        <translation>Hypatia 方式</translation>
    </message>
    <message>
        <source>Hypatia&apos;s +Grid: slot j to slot j + shift of the next plane (at least 3 planes of 3)</source>
        <translation>Hypatia 的 +Grid：位置 j 连接下一轨道面的位置 j + 偏移（至少 3 个轨道面，每面至少 3 颗）</translation>
    </message>
    <message>
        <source>Hypatia&apos;s isl_shift, 0 to the satellites per plane less one</source>
        <translation>Hypatia 的 isl_shift：0 至每轨道面卫星数减一</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>偏移</translation>
    </message>
    <message>
        <source>ISL pairing</source>
        <translation>星间链路配对</translation>
    </message>
    <message>
        <source>Inter-satellite links (Hypatia&apos;s +Grid, shift %1)</source>
        <translation>星间链路（Hypatia 的 +Grid，偏移 %1）</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1：%2。</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::SelectTool</name>
    <message>
        <source>Click or drag to select; Shift adds to the selection.</source>
        <translation>点击或拖动以选择；按住 Shift 添加到选择。</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::SitePairTool</name>
    <message>
        <source>Click a site.</source>
        <translation>请点击一个站点。</translation>
    </message>
    <message>
        <source>Now click the other end.</source>
        <translation>请点击另一端。</translation>
    </message>
    <message>
        <source>Enter adds it with these values, Esc cancels.</source>
        <translation>回车按这些值添加，Esc 取消。</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::TaskBar</name>
    <message>
        <source>Every running task, each with its progress and Cancel</source>
        <translation>所有正在运行的任务，各带进度与取消按钮</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel %1</source>
        <translation>取消 %1</translation>
    </message>
    <message>
        <source>%1 (cancelling)</source>
        <translation>%1（正在取消）</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n 个任务</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nqi::widgets::TaskManager</name>
    <message>
        <source>There was not enough memory to finish.</source>
        <translation>内存不足，无法完成。</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::ValuesPopup</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Enter adds, Esc cancels.</source>
        <translation>回车添加，Esc 取消。</translation>
    </message>
</context>
<context>
    <name>nqi::app::MainWindow</name>
    <message>
        <source>Export Sweep as Slurm Job</source>
        <translation>将故障扫描导出为 Slurm 作业</translation>
    </message>
    <message>
        <source>Run &amp;With Options</source>
        <translation>按选项运行(&amp;W)</translation>
    </message>
    <message>
        <source>I&amp;mport Cluster Result…</source>
        <translation>导入集群计算结果(&amp;M)…</translation>
    </message>
    <message>
        <source>Export Sweep as Slurm &amp;Job…</source>
        <translation>将故障扫描导出为 Slurm 作业(&amp;J)…</translation>
    </message>
    <message>
        <source>%1°%2 %3°%4</source>
        <translation>%1°%2 %3°%4</translation>
    </message>
    <message>
        <source>1:%L1</source>
        <translation>1:%L1</translation>
    </message>
    <message>
        <source>Geodesic %1 km; in fibre at route factor %2: %3 km, %4 ms one way</source>
        <translation>测地线 %1 km；按路由系数 %2 计光纤：%3 km，单向 %4 ms</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Select &amp;All Sites</source>
        <translation>选择全部站点(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Zoom to &amp;Fit</source>
        <translation>缩放至全图(&amp;F)</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>Zoom to &amp;Selection</source>
        <translation>缩放至所选(&amp;S)</translation>
    </message>
    <message>
        <source>Ctrl+J</source>
        <translation>Ctrl+J</translation>
    </message>
    <message>
        <source>&amp;Graticule</source>
        <translation>经纬网(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation>规划(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>&amp;Select</source>
        <translation>选择(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pan</source>
        <translation>平移(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Move Site</source>
        <translation>移动站点(&amp;M)</translation>
    </message>
    <message>
        <source>Add &amp;Link</source>
        <translation>添加链路(&amp;L)</translation>
    </message>
    <message>
        <source>Add &amp;Demand</source>
        <translation>添加需求(&amp;D)</translation>
    </message>
    <message>
        <source>Draw &amp;Region</source>
        <translation>绘制区域(&amp;R)</translation>
    </message>
    <message>
        <source>Kind of the sites the Add Site tool places</source>
        <translation>“添加站点”工具放置的站点类型</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About NQI Workbench</source>
        <translation>关于 NQI 工作台(&amp;A)</translation>
    </message>
    <message>
        <source>unsaved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>%1[*] (%2) — NQI Workbench</source>
        <translation>%1[*]（%2）— 新质互联网规划工作台</translation>
    </message>
    <message numerus="yes">
        <source>%n site(s)</source>
        <translation>
            <numerusform>%n 个站点</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n link(s)</source>
        <translation>
            <numerusform>%n 条链路</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>%1 has changes that are not saved. Save them?</source>
        <translation>%1 有未保存的修改。是否保存？</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
    <message>
        <source>Cannot save project</source>
        <translation>无法保存项目</translation>
    </message>
    <message>
        <source>

The file on disk was not changed.</source>
        <translation>

磁盘上的文件未被改动。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Network data (*.graphml *.csv *.geojson *.json *.gpkg *.shp *.kml *.fgb);;All files (*)</source>
        <translation>网络数据 (*.graphml *.csv *.geojson *.json *.gpkg *.shp *.kml *.fgb);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n file(s)…</source>
        <translation>
            <numerusform>正在导入 %n 个文件…</numerusform>
        </translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n files</source>
        <translation>
            <numerusform>%n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported %1 sites, %2 links, %3 demands.</source>
        <translation>已导入 %1 个站点、%2 条链路、%3 个需求。</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s): see the details.</source>
        <translation>
            <numerusform>%n 条警告：见详细信息。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <source>

Nothing was imported; the project is unchanged.</source>
        <translation>

未导入任何内容；项目保持不变。</translation>
    </message>
    <message>
        <source>New Region</source>
        <translation>新建区域</translation>
    </message>
    <message>
        <source>Name of the region (e.g. a province that data must not leave):</source>
        <translation>区域名称（例如数据不得离开的省份）：</translation>
    </message>
    <message>
        <source>Region %1</source>
        <translation>区域 %1</translation>
    </message>
    <message>
        <source>Cannot add the region</source>
        <translation>无法添加区域</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Site name or code:</source>
        <translation>站点名称或代码：</translation>
    </message>
    <message>
        <source>No site matches &quot;%1&quot;.</source>
        <translation>没有与“%1”匹配的站点。</translation>
    </message>
    <message numerus="yes">
        <source>%n site(s) found.</source>
        <translation>
            <numerusform>找到 %n 个站点。</numerusform>
        </translation>
    </message>
    <message>
        <source>About NQI Workbench</source>
        <translation>关于 NQI 工作台</translation>
    </message>
    <message>
        <source>&lt;h3&gt;NQI Workbench %1&lt;/h3&gt;&lt;p&gt;新质互联网规划工作台 — planning networks of compute hubs, data centres, ingest sites and satellites.&lt;/p&gt;&lt;p&gt;Qt %2 · GDAL %3 · Boost %4.%5.%6&lt;/p&gt;&lt;p&gt;Basemap: Natural Earth (public domain), via QGIS&apos;s world map.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;新质互联网规划工作台 %1&lt;/h3&gt;&lt;p&gt;NQI Workbench — 规划算力枢纽、数据中心、数据入算站点与卫星网络。&lt;/p&gt;&lt;p&gt;Qt %2 · GDAL %3 · Boost %4.%5.%6&lt;/p&gt;&lt;p&gt;底图：Natural Earth（公有领域），来自 QGIS 世界地图。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <source>NQI Workbench did not close normally. Unsaved work on %1 from %2 was kept. Recover it?</source>
        <translation>NQI 工作台上次未正常关闭。%2 时对 %1 的未保存工作已保留。是否恢复？</translation>
    </message>
    <message>
        <source>an untitled project</source>
        <translation>未命名项目</translation>
    </message>
    <message>
        <source>Recover Unsaved Work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language applies when NQI Workbench starts again.</source>
        <translation>新的语言将在 NQI 工作台重新启动后生效。</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n site(s).</source>
        <translation>
            <numerusform>已复制 %n 个站点。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot paste: %1</source>
        <translation>无法粘贴：%1</translation>
    </message>
    <message numerus="yes">
        <source>Paste %n Site(s)</source>
        <translation>
            <numerusform>粘贴 %n 个站点</numerusform>
        </translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Planner</source>
        <translation>规划器</translation>
    </message>
    <message>
        <source>&amp;Route Demands (IGP/ECMP)</source>
        <translation>需求路由（IGP/ECMP）(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Route with &amp;Traffic Engineering</source>
        <translation>流量工程路由(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Latency and SLA</source>
        <translation>时延与 SLA(&amp;L)</translation>
    </message>
    <message>
        <source>Re&amp;silience: Every Single Failure</source>
        <translation>可靠性：全部单点故障(&amp;S)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Resilience with Link &amp;Pairs (N-2)</source>
        <translation>可靠性：链路双故障 (N-2)(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Capacity Upgrades…</source>
        <translation>容量扩容(&amp;C)…</translation>
    </message>
    <message>
        <source>Capacity Upgrades</source>
        <translation>容量扩容</translation>
    </message>
    <message>
        <source>Largest utilisation allowed on any link (%):</source>
        <translation>任意链路允许的最大利用率（%）：</translation>
    </message>
    <message>
        <source>Also under every single link, site and SRLG failure</source>
        <translation>同时满足任一单链路、站点及 SRLG 故障</translation>
    </message>
    <message>
        <source>Price of a %1G module (%2):</source>
        <translation>%1G 模块单价（%2）：</translation>
    </message>
    <message>
        <source>GPU Fabric for %1</source>
        <translation>%1 的 GPU 组网</translation>
    </message>
    <message>
        <source>GPU Fabric</source>
        <translation>GPU 组网</translation>
    </message>
    <message>
        <source>Rail-optimised</source>
        <translation>轨道优化</translation>
    </message>
    <message>
        <source>Leaf-spine</source>
        <translation>叶脊</translation>
    </message>
    <message>
        <source>Accelerators:</source>
        <translation>加速卡数：</translation>
    </message>
    <message>
        <source>Accelerators per server:</source>
        <translation>每服务器加速卡数：</translation>
    </message>
    <message>
        <source>NICs (rails) per server:</source>
        <translation>每服务器网卡（轨道）数：</translation>
    </message>
    <message>
        <source>NIC speed (Gb/s):</source>
        <translation>网卡速率（Gb/s）：</translation>
    </message>
    <message>
        <source>Switch ports:</source>
        <translation>交换机端口数：</translation>
    </message>
    <message>
        <source>Port speed (Gb/s):</source>
        <translation>端口速率（Gb/s）：</translation>
    </message>
    <message>
        <source>Servers per scalable unit:</source>
        <translation>每可扩展单元服务器数：</translation>
    </message>
    <message>
        <source>Leaf oversubscription:</source>
        <translation>叶层收敛比：</translation>
    </message>
    <message>
        <source>Topology:</source>
        <translation>拓扑：</translation>
    </message>
    <message>
        <source>Link Between Data Centres</source>
        <translation>数据中心间链路</translation>
    </message>
    <message>
        <source>Select one link on the map (or in the Project dock) first.</source>
        <translation>请先在地图（或“项目”面板）中选择一条链路。</translation>
    </message>
    <message>
        <source>Lossless buffer per port (MB):</source>
        <translation>每端口无损缓存（MB）：</translation>
    </message>
    <message>
        <source>Gradients per training step (GB):</source>
        <translation>每训练步梯度量（GB）：</translation>
    </message>
    <message>
        <source>Compute per training step (s):</source>
        <translation>每训练步计算时间（s）：</translation>
    </message>
    <message>
        <source>Data Ingest</source>
        <translation>数据入算</translation>
    </message>
    <message>
        <source>Select one ingest site on the map (or in the Project dock) first.</source>
        <translation>请先在地图（或“项目”面板）中选择一个入算站点。</translation>
    </message>
    <message>
        <source>Data Ingest for %1</source>
        <translation>%1 的数据入算</translation>
    </message>
    <message>
        <source>Share of the line rate the transfer achieves (%):</source>
        <translation>传输可达到的线路速率比例（%）：</translation>
    </message>
    <message>
        <source>GPU &amp;Fabric for the Selected Site…</source>
        <translation>所选站点的 GPU 组网(&amp;F)…</translation>
    </message>
    <message>
        <source>Data &amp;Ingest for the Selected Site…</source>
        <translation>所选站点的数据入算(&amp;I)…</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Latency circles in round-trip time</source>
        <translation>时延圈按往返时延计算</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Autosave every:</source>
        <translation>自动保存间隔：</translation>
    </message>
    <message>
        <source>Device latency per hop:</source>
        <translation>每跳设备时延：</translation>
    </message>
    <message>
        <source>Pr&amp;eferences…</source>
        <translation>首选项(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>Power per switch (W, 0: not given):</source>
        <translation>每台交换机功率（W，0 表示未给出）：</translation>
    </message>
    <message>
        <source>Cost per switch (0: not given):</source>
        <translation>每台交换机成本（0 表示未给出）：</translation>
    </message>
    <message>
        <source>Power per transceiver (W):</source>
        <translation>每个光模块功率（W）：</translation>
    </message>
    <message>
        <source>Cost per transceiver:</source>
        <translation>每个光模块成本：</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Device Configurations…</source>
        <translation>设备配置(&amp;D)…</translation>
    </message>
    <message>
        <source>Satellites</source>
        <translation>卫星</translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <source>Report written to %1.</source>
        <translation>报告已写入 %1。</translation>
    </message>
    <message>
        <source>%1 is already running: it goes on (cancel it in the status bar to start over).</source>
        <translation>%1 已在运行：它将继续运行（如需重新开始，请在状态栏中取消它）。</translation>
    </message>
    <message>
        <source>%1: done.</source>
        <translation>%1：已完成。</translation>
    </message>
    <message>
        <source>%1 was cancelled; nothing changed.</source>
        <translation>%1 已取消；未做任何修改。</translation>
    </message>
    <message>
        <source>%1, read-only</source>
        <translation>%1，只读</translation>
    </message>
    <message>
        <source>Read-only: %1. Save As keeps your changes.</source>
        <translation>只读：%1。使用“另存为”可保留您的修改。</translation>
    </message>
    <message>
        <source>Tasks are running</source>
        <translation>任务正在运行</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) still running for %1: %2.</source>
        <translation>
            <numerusform>%1 仍有 %n 个任务在运行：%2。</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Cancel them? What they have computed so far is lost.</source>
        <translation>要取消它们吗？已计算的内容将会丢失。</translation>
    </message>
    <message>
        <source>Cancel the Tasks</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <source>Keep Them Running</source>
        <translation>继续运行</translation>
    </message>
    <message>
        <source>locked for writing by %1</source>
        <translation>已被 %1 锁定写入</translation>
    </message>
    <message>
        <source>the file is read-only</source>
        <translation>文件为只读</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>Opened %1 read-only</source>
        <translation>已以只读方式打开 %1</translation>
    </message>
    <message>
        <source>Opened %1%2</source>
        <translation>已打开 %1%2</translation>
    </message>
    <message>
        <source>Cannot delete: %1</source>
        <translation>无法删除：%1</translation>
    </message>
    <message>
        <source>&amp;Sites…</source>
        <translation>站点(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Links…</source>
        <translation>链路(&amp;L)…</translation>
    </message>
    <message>
        <source>De&amp;mands…</source>
        <translation>需求(&amp;M)…</translation>
    </message>
    <message>
        <source>Export Sites</source>
        <translation>导出站点</translation>
    </message>
    <message>
        <source>Export Links</source>
        <translation>导出链路</translation>
    </message>
    <message>
        <source>Export Demands</source>
        <translation>导出需求</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson)</source>
        <translation>GeoJSON (*.geojson)</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>KML (*.kml)</source>
        <translation>KML (*.kml)</translation>
    </message>
    <message>
        <source>Shapefile (*.shp)</source>
        <translation>Shapefile (*.shp)</translation>
    </message>
    <message>
        <source>MapInfo TAB (*.tab)</source>
        <translation>MapInfo TAB (*.tab)</translation>
    </message>
    <message>
        <source>FlatGeobuf (*.fgb)</source>
        <translation>FlatGeobuf (*.fgb)</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>正在导出 %1…</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>Re&amp;port…</source>
        <translation>报告(&amp;P)…</translation>
    </message>
    <message>
        <source>Latency Circles in Ro&amp;und-Trip Time</source>
        <translation>时延圈按往返时延计算(&amp;U)</translation>
    </message>
    <message>
        <source>Link Between &amp;Data Centres (Selected Link)…</source>
        <translation>数据中心间链路（所选链路）(&amp;D)…</translation>
    </message>
    <message>
        <source>Satellite C&amp;overage…</source>
        <translation>卫星覆盖(&amp;O)…</translation>
    </message>
    <message>
        <source>Show R&amp;esults</source>
        <translation>显示结果(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Add Site</source>
        <translation>添加站点(&amp;A)</translation>
    </message>
    <message>
        <source>M&amp;easure</source>
        <translation>测量(&amp;E)</translation>
    </message>
</context>
<context>
    <name>nqi::app::ReportDialog</name>
    <message>
        <source>Cover</source>
        <translation>封面</translation>
    </message>
    <message>
        <source>Executive summary</source>
        <translation>执行摘要</translation>
    </message>
    <message>
        <source>Maps</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Links and utilisation</source>
        <translation>链路与利用率</translation>
    </message>
    <message>
        <source>Demands, latency and SLA</source>
        <translation>需求、时延与 SLA</translation>
    </message>
    <message>
        <source>The ten worst failures</source>
        <translation>最严重的十个故障</translation>
    </message>
    <message>
        <source>Capacity to add</source>
        <translation>扩容</translation>
    </message>
    <message>
        <source>Results of every planner run</source>
        <translation>各规划器运行结果</translation>
    </message>
    <message>
        <source>Methods and assumptions</source>
        <translation>方法与假设</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>The format follows the extension: .pdf, .odt (LibreOffice, Word) or .html (one self-contained file)</source>
        <translation>格式由扩展名决定：.pdf、.odt（LibreOffice、Word）或 .html（单个自包含文件）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>章节</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>An image for the cover (optional)</source>
        <translation>封面图片（可选）</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>标志</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>预览…</translation>
    </message>
    <message>
        <source>Write Report</source>
        <translation>生成报告</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;OpenDocument text (*.odt);;Web page (*.html)</source>
        <translation>PDF (*.pdf);;OpenDocument 文本 (*.odt);;网页 (*.html)</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.svg)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.svg)</translation>
    </message>
    <message>
        <source>Choose at least one section.</source>
        <translation>请至少选择一个章节。</translation>
    </message>
    <message>
        <source>Report Preview</source>
        <translation>报告预览</translation>
    </message>
    <message>
        <source>Give a file ending in .pdf, .odt or .html for the report.</source>
        <translation>请为报告指定以 .pdf、.odt 或 .html 结尾的文件名。</translation>
    </message>
    <message>
        <source>cannot make a scratch folder for the report: %1</source>
        <translation>无法为报告创建临时文件夹：%1</translation>
    </message>
    <message>
        <source>Planner results</source>
        <translation>规划结果</translation>
    </message>
    <message>
        <source>A stale or missing result is computed for the report while it is written, and not kept. Compute keeps it in the project (in the background; it can be undone).</source>
        <translation>过期或缺失的结果会在生成报告时为报告计算，但不会保留。点击“计算”会将其保存到项目中（在后台进行；可撤销）。</translation>
    </message>
    <message>
        <source>Cancel Writing</source>
        <translation>取消生成</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>正在生成报告…</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>computing… %1 %</source>
        <translation>正在计算… %1 %</translation>
    </message>
    <message>
        <source>missing: not computed yet</source>
        <translation>缺失：尚未计算</translation>
    </message>
    <message>
        <source>stale: it cannot be used (%1)</source>
        <translation>已过期：无法使用（%1）</translation>
    </message>
    <message>
        <source>stale: the network changed since it ran</source>
        <translation>已过期：运行后网络已修改</translation>
    </message>
    <message>
        <source>current (computed %1)</source>
        <translation>最新（计算于 %1）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Stop computing it; nothing changes</source>
        <translation>停止计算；不做任何修改</translation>
    </message>
    <message>
        <source>Compute it now in the background and keep it in the project</source>
        <translation>立即在后台计算并保存到项目中</translation>
    </message>
    <message>
        <source>Writing the report %1</source>
        <translation>正在生成报告 %1</translation>
    </message>
    <message>
        <source>%1 is being written already.</source>
        <translation>%1 已在生成中。</translation>
    </message>
    <message>
        <source>Writing the report was cancelled; no file was changed.</source>
        <translation>报告生成已取消；未修改任何文件。</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::Commands</name>
    <message numerus="yes">
        <source>%n link(s)</source>
        <translation>
            <numerusform>%n 条链路</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n demand(s)</source>
        <translation>
            <numerusform>%n 个需求</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n Object(s)</source>
        <translation>
            <numerusform>删除 %n 个对象</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot be undone: %1</source>
        <translation>无法撤销：%1</translation>
    </message>
    <message>
        <source>Add Site %1</source>
        <translation>添加站点 %1</translation>
    </message>
    <message>
        <source>Add Link %1-%2</source>
        <translation>添加链路 %1-%2</translation>
    </message>
    <message>
        <source>Add Demand %1 to %2</source>
        <translation>添加需求 %1 至 %2</translation>
    </message>
    <message>
        <source>Draw Region %1</source>
        <translation>绘制区域 %1</translation>
    </message>
    <message>
        <source>Add Constellation %1</source>
        <translation>添加星座 %1</translation>
    </message>
    <message>
        <source>undo would not restore the project as it was</source>
        <translation>撤销无法将项目恢复原状</translation>
    </message>
    <message>
        <source>Remove Site %1</source>
        <translation>删除站点 %1</translation>
    </message>
    <message>
        <source>Remove Site %1 and its %2</source>
        <translation>删除站点 %1 及其 %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1、%2</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::KindNames</name>
    <message>
        <source>National hub</source>
        <translation>国家算力枢纽</translation>
    </message>
    <message>
        <source>Data centre cluster</source>
        <translation>数据中心集群</translation>
    </message>
    <message>
        <source>Metro data centre</source>
        <translation>城域数据中心</translation>
    </message>
    <message>
        <source>Edge data centre</source>
        <translation>边缘数据中心</translation>
    </message>
    <message>
        <source>Ingest site</source>
        <translation>数据入算站点</translation>
    </message>
    <message>
        <source>Point of presence</source>
        <translation>接入点</translation>
    </message>
    <message>
        <source>Ground station</source>
        <translation>地面站</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Other site</source>
        <translation>其他站点</translation>
    </message>
    <message>
        <source>Fibre</source>
        <translation>光纤</translation>
    </message>
    <message>
        <source>DCI wavelength</source>
        <translation>DCI 波长</translation>
    </message>
    <message>
        <source>Leased line</source>
        <translation>租用线路</translation>
    </message>
    <message>
        <source>Microwave</source>
        <translation>微波</translation>
    </message>
    <message>
        <source>Satellite feeder link</source>
        <translation>卫星馈电链路</translation>
    </message>
    <message>
        <source>Inter-satellite link</source>
        <translation>星间链路</translation>
    </message>
    <message>
        <source>Training sync</source>
        <translation>训练同步</translation>
    </message>
    <message>
        <source>Bulk ingest</source>
        <translation>批量入算</translation>
    </message>
    <message>
        <source>Inference</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>Replication</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Best effort</source>
        <translation>尽力而为</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>1+1</source>
        <translation>1+1</translation>
    </message>
    <message>
        <source>Restoration</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <source>Data residency</source>
        <translation>数据驻留</translation>
    </message>
    <message>
        <source>Coverage and data residency</source>
        <translation>覆盖与数据驻留</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::ModelMessages</name>
    <message>
        <source>site #%1</source>
        <translation>站点 #%1</translation>
    </message>
    <message>
        <source>site %1</source>
        <translation>站点 %1</translation>
    </message>
    <message>
        <source>link #%1</source>
        <translation>链路 #%1</translation>
    </message>
    <message>
        <source>demand #%1</source>
        <translation>需求 #%1</translation>
    </message>
    <message>
        <source>region #%1</source>
        <translation>区域 #%1</translation>
    </message>
    <message>
        <source>region %1</source>
        <translation>区域 %1</translation>
    </message>
    <message>
        <source>constellation #%1</source>
        <translation>星座 #%1</translation>
    </message>
    <message>
        <source>constellation %1</source>
        <translation>星座 %1</translation>
    </message>
    <message>
        <source>project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>id %1 is out of range 1..%2</source>
        <translation>编号 %1 超出范围 1..%2</translation>
    </message>
    <message>
        <source>id %1 is already used</source>
        <translation>编号 %1 已被使用</translation>
    </message>
    <message>
        <source>no such site</source>
        <translation>没有该站点</translation>
    </message>
    <message>
        <source>no such link</source>
        <translation>没有该链路</translation>
    </message>
    <message>
        <source>no such demand</source>
        <translation>没有该需求</translation>
    </message>
    <message>
        <source>no such site to update</source>
        <translation>要更新的站点不存在</translation>
    </message>
    <message>
        <source>no such link to update</source>
        <translation>要更新的链路不存在</translation>
    </message>
    <message>
        <source>no such demand to update</source>
        <translation>要更新的需求不存在</translation>
    </message>
    <message>
        <source>site #%1 still has links; remove them first</source>
        <translation>站点 #%1 仍有链路；请先删除这些链路</translation>
    </message>
    <message>
        <source>code &quot;%1&quot; is not valid: use 1-63 ASCII letters, digits, &apos;-&apos; or &apos;_&apos;, starting with a letter or digit</source>
        <translation>代码“%1”无效：请使用 1–63 个 ASCII 字母、数字、“-”或“_”，并以字母或数字开头</translation>
    </message>
    <message>
        <source>code &quot;%1&quot; is already used by site #%2; codes must be unique (ignoring case)</source>
        <translation>代码“%1”已被站点 #%2 使用；代码必须唯一（不区分大小写）</translation>
    </message>
    <message>
        <source>latitude %1 is out of range -90..90 degrees</source>
        <translation>纬度 %1 超出范围 -90..90 度</translation>
    </message>
    <message>
        <source>longitude %1 is out of range -180..180 degrees</source>
        <translation>经度 %1 超出范围 -180..180 度</translation>
    </message>
    <message>
        <source>GPU count %1 must not be negative</source>
        <translation>GPU 数量 %1 不能为负数</translation>
    </message>
    <message>
        <source>power %1 MW must not be negative</source>
        <translation>功率 %1 MW 不能为负数</translation>
    </message>
    <message>
        <source>end A refers to unknown site #%1</source>
        <translation>A 端引用了不存在的站点 #%1</translation>
    </message>
    <message>
        <source>end B refers to unknown site #%1</source>
        <translation>B 端引用了不存在的站点 #%1</translation>
    </message>
    <message>
        <source>both ends are the same site #%1 (a self-loop); a link must join two different sites</source>
        <translation>两端是同一站点 #%1（自环）；链路必须连接两个不同的站点</translation>
    </message>
    <message>
        <source>capacity %1 Gbps must be positive</source>
        <translation>容量 %1 Gbps 必须大于 0</translation>
    </message>
    <message>
        <source>parallel count %1 is out of range 1..%2 (circuits in one link&apos;s bundle)</source>
        <translation>并行电路数 %1 超出范围 1..%2（一条链路捆绑中的电路数）</translation>
    </message>
    <message>
        <source>length %1 km must be positive</source>
        <translation>长度 %1 km 必须大于 0</translation>
    </message>
    <message>
        <source>length %1 km is longer than %2 km, the longest a link may be (2.5 times round the equator); give the route length in km</source>
        <translation>长度 %1 km 超过链路允许的最大长度 %2 km（赤道周长的 2.5 倍）；请以 km 为单位填写路由长度</translation>
    </message>
    <message>
        <source>route factor %1 must be at least 1</source>
        <translation>路由系数 %1 不能小于 1</translation>
    </message>
    <message>
        <source>IGP metric %1 is out of range 1..16777215 (IS-IS wide metrics)</source>
        <translation>IGP 度量 %1 超出范围 1..16777215（IS-IS 宽度量）</translation>
    </message>
    <message>
        <source>cost %1 must not be negative</source>
        <translation>成本 %1 不能为负数</translation>
    </message>
    <message>
        <source>availability %1 must be in (0, 1]</source>
        <translation>可用性 %1 必须在 (0, 1] 范围内</translation>
    </message>
    <message>
        <source>SRLG name &quot;%1&quot; is empty or contains &apos;;&apos;</source>
        <translation>SRLG 名称“%1”为空或包含“;”</translation>
    </message>
    <message>
        <source>source is unknown site #%1</source>
        <translation>源为不存在的站点 #%1</translation>
    </message>
    <message>
        <source>destination is unknown site #%1</source>
        <translation>目的为不存在的站点 #%1</translation>
    </message>
    <message>
        <source>source and destination are the same site #%1</source>
        <translation>源和目的是同一站点 #%1</translation>
    </message>
    <message>
        <source>rate %1 Gbps must be positive</source>
        <translation>速率 %1 Gbps 必须大于 0</translation>
    </message>
    <message>
        <source>volume %1 TB must be positive</source>
        <translation>数据量 %1 TB 必须大于 0</translation>
    </message>
    <message>
        <source>window %1 h must be positive</source>
        <translation>时间窗 %1 小时必须大于 0</translation>
    </message>
    <message>
        <source>needs a rate in Gbps, or a volume in TB with a window in hours</source>
        <translation>需要以 Gbps 为单位的速率，或以 TB 为单位的数据量及以小时为单位的时间窗</translation>
    </message>
    <message>
        <source>latency bound %1 ms must be positive</source>
        <translation>时延上限 %1 ms 必须大于 0</translation>
    </message>
    <message>
        <source>warning: </source>
        <translation>警告：</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>site %1 lies outside its allowed regions (%2)</source>
        <translation>站点 %1 位于允许区域（%2）之外</translation>
    </message>
    <message>
        <source>no path between its sites</source>
        <translation>其两端站点之间没有路径</translation>
    </message>
    <message>
        <source>no path stays within its allowed regions (%1)</source>
        <translation>没有始终位于允许区域（%1）内的路径</translation>
    </message>
    <message>
        <source>no path within %1 ms in its allowed regions (%2) (the fastest takes %3 ms)</source>
        <translation>允许区域（%2）内没有 %1 ms 以内的路径（最快路径需 %3 ms）</translation>
    </message>
    <message>
        <source>no path within %1 ms (the fastest takes %2 ms)</source>
        <translation>没有 %1 ms 以内的路径（最快路径需 %2 ms）</translation>
    </message>
    <message>
        <source>no path at all joins %1 and %2</source>
        <translation>%1 与 %2 之间没有任何路径</translation>
    </message>
    <message>
        <source>no two link-disjoint paths join %1 and %2</source>
        <translation>%1 与 %2 之间没有两条链路分离的路径</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::Progress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>nqi::widgets::ResultsView</name>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>GPU fabric</source>
        <translation>GPU 组网</translation>
    </message>
    <message>
        <source>GPU fabric for %1</source>
        <translation>%1 的 GPU 组网</translation>
    </message>
    <message>
        <source>Link %1 between data centres</source>
        <translation>数据中心间链路 %1</translation>
    </message>
    <message>
        <source>Data ingest at %1</source>
        <translation>%1 的数据入算</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>路由</translation>
    </message>
    <message>
        <source>Resilience</source>
        <translation>可靠性</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>时延</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Site A</source>
        <translation>A 端站点</translation>
    </message>
    <message>
        <source>Site B</source>
        <translation>B 端站点</translation>
    </message>
    <message>
        <source>Capacity (Gbps)</source>
        <translation>容量（Gbps）</translation>
    </message>
    <message>
        <source>Load A→B (Gbps)</source>
        <translation>负载 A→B（Gbps）</translation>
    </message>
    <message>
        <source>Load B→A (Gbps)</source>
        <translation>负载 B→A（Gbps）</translation>
    </message>
    <message>
        <source>Utilisation</source>
        <translation>利用率</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>链路</translation>
    </message>
    <message>
        <source>Demands</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>源</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目的</translation>
    </message>
    <message>
        <source>Rate (Gbps)</source>
        <translation>速率（Gbps）</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>时延（ms）</translation>
    </message>
    <message>
        <source>Hops</source>
        <translation>跳数</translation>
    </message>
    <message>
        <source>Equal-cost paths</source>
        <translation>等价路径数</translation>
    </message>
    <message>
        <source>Over its bound</source>
        <translation>超出上限</translation>
    </message>
    <message>
        <source>Outside its regions</source>
        <translation>越出允许区域</translation>
    </message>
    <message>
        <source>Unrouted demands</source>
        <translation>无法路由的需求</translation>
    </message>
    <message>
        <source>Traffic engineering: links</source>
        <translation>流量工程：链路</translation>
    </message>
    <message>
        <source>Traffic engineering: demands</source>
        <translation>流量工程：需求</translation>
    </message>
    <message>
        <source>Paths</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Worst case</source>
        <translation>最坏情况</translation>
    </message>
    <message>
        <source>Worst load (Gbps)</source>
        <translation>最坏负载（Gbps）</translation>
    </message>
    <message>
        <source>Worst when</source>
        <translation>最坏情况发生于</translation>
    </message>
    <message>
        <source>Failures that cut traffic</source>
        <translation>中断流量的故障</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Lost (Gbps)</source>
        <translation>中断（Gbps）</translation>
    </message>
    <message>
        <source>Demands cut</source>
        <translation>中断的需求</translation>
    </message>
    <message>
        <source>At the failed site (Gbps)</source>
        <translation>故障站点收发（Gbps）</translation>
    </message>
    <message>
        <source>Normal latency (ms)</source>
        <translation>正常时延（ms）</translation>
    </message>
    <message>
        <source>Worst latency (ms)</source>
        <translation>最坏时延（ms）</translation>
    </message>
    <message>
        <source>Stretch</source>
        <translation>时延伸展比</translation>
    </message>
    <message>
        <source>Failures that cut it</source>
        <translation>中断它的故障数</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>可用性</translation>
    </message>
    <message>
        <source>1+1 protection</source>
        <translation>1+1 保护</translation>
    </message>
    <message>
        <source>Primary</source>
        <translation>主路径</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备路径</translation>
    </message>
    <message>
        <source>Fastest possible (ms)</source>
        <translation>最快可达（ms）</translation>
    </message>
    <message>
        <source>Bound (ms)</source>
        <translation>上限（ms）</translation>
    </message>
    <message>
        <source>Site pairs</source>
        <translation>站点对</translation>
    </message>
    <message>
        <source>Latency circles</source>
        <translation>时延圈</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Nearest hub or DC</source>
        <translation>最近的枢纽或数据中心</translation>
    </message>
    <message>
        <source>Its latency (ms)</source>
        <translation>其时延（ms）</translation>
    </message>
    <message>
        <source>Within circle 1</source>
        <translation>第 1 圈内</translation>
    </message>
    <message>
        <source>Within circle 2</source>
        <translation>第 2 圈内</translation>
    </message>
    <message>
        <source>Within circle 3</source>
        <translation>第 3 圈内</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Topology</source>
        <translation>拓扑</translation>
    </message>
    <message>
        <source>Accelerators</source>
        <translation>加速卡</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>NIC ports</source>
        <translation>网卡端口</translation>
    </message>
    <message>
        <source>Scalable units</source>
        <translation>可扩展单元</translation>
    </message>
    <message>
        <source>Leaf switches</source>
        <translation>叶交换机</translation>
    </message>
    <message>
        <source>Spine switches</source>
        <translation>脊交换机</translation>
    </message>
    <message>
        <source>Core switches</source>
        <translation>核心交换机</translation>
    </message>
    <message>
        <source>Cables, server to leaf</source>
        <translation>线缆：服务器–叶</translation>
    </message>
    <message>
        <source>Cables, leaf to spine</source>
        <translation>线缆：叶–脊</translation>
    </message>
    <message>
        <source>Cables, spine to core</source>
        <translation>线缆：脊–核心</translation>
    </message>
    <message>
        <source>Transceivers, switch side</source>
        <translation>光模块：交换机侧</translation>
    </message>
    <message>
        <source>Transceivers, server side</source>
        <translation>光模块：服务器侧</translation>
    </message>
    <message>
        <source>Bisection bandwidth (Tb/s)</source>
        <translation>对分带宽（Tb/s）</translation>
    </message>
    <message>
        <source>Largest cluster in 2 tiers</source>
        <translation>两层最大规模</translation>
    </message>
    <message>
        <source>Largest cluster in 3 tiers</source>
        <translation>三层最大规模</translation>
    </message>
    <message>
        <source>Power (kW)</source>
        <translation>功率（kW）</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Route length (km)</source>
        <translation>路由长度（km）</translation>
    </message>
    <message>
        <source>Rate (Gb/s)</source>
        <translation>速率（Gb/s）</translation>
    </message>
    <message>
        <source>Round trip (ms)</source>
        <translation>往返时延（ms）</translation>
    </message>
    <message>
        <source>Bandwidth-delay product (MB)</source>
        <translation>带宽时延积（MB）</translation>
    </message>
    <message>
        <source>PFC headroom at each end (MB)</source>
        <translation>每端 PFC 余量（MB）</translation>
    </message>
    <message>
        <source>Longest lossless distance (km)</source>
        <translation>最长无损距离（km）</translation>
    </message>
    <message>
        <source>Gradient sync across the DCs (s)</source>
        <translation>跨数据中心梯度同步（s）</translation>
    </message>
    <message>
        <source>Gradient sync in one DC (s)</source>
        <translation>单数据中心梯度同步（s）</translation>
    </message>
    <message>
        <source>Training step slowdown</source>
        <translation>训练步减速比</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>线路</translation>
    </message>
    <message>
        <source>Line (Gb/s)</source>
        <translation>线路（Gb/s）</translation>
    </message>
    <message>
        <source>Hours on one line</source>
        <translation>单线路耗时（h）</translation>
    </message>
    <message>
        <source>Meets the window</source>
        <translation>满足时间窗</translation>
    </message>
    <message>
        <source>Lines to meet it</source>
        <translation>满足所需线路数</translation>
    </message>
    <message>
        <source>Monthly cost</source>
        <translation>月费用</translation>
    </message>
    <message>
        <source>Volume (TB)</source>
        <translation>数据量（TB）</translation>
    </message>
    <message>
        <source>Window (h)</source>
        <translation>时间窗（h）</translation>
    </message>
    <message>
        <source>Efficiency</source>
        <translation>效率</translation>
    </message>
    <message>
        <source>Line rate needed (Gb/s)</source>
        <translation>所需线路速率（Gb/s）</translation>
    </message>
    <message>
        <source>Cheapest line (Gb/s)</source>
        <translation>最低成本线路（Gb/s）</translation>
    </message>
    <message>
        <source>Cheapest: lines</source>
        <translation>最低成本：线路数</translation>
    </message>
    <message>
        <source>Cheapest: monthly cost</source>
        <translation>最低成本：月费用</translation>
    </message>
    <message>
        <source>Disks to ship</source>
        <translation>需寄送硬盘数</translation>
    </message>
    <message>
        <source>Disks: hours door to door</source>
        <translation>硬盘：门到门小时数</translation>
    </message>
    <message>
        <source>Disks meet the window</source>
        <translation>硬盘满足时间窗</translation>
    </message>
    <message>
        <source>Upgrades</source>
        <translation>扩容</translation>
    </message>
    <message>
        <source>Sized for</source>
        <translation>按此情形配置</translation>
    </message>
    <message>
        <source>Added (Gbps)</source>
        <translation>新增（Gbps）</translation>
    </message>
    <message>
        <source>Modules</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>New utilisation</source>
        <translation>新利用率</translation>
    </message>
    <message>
        <source>Switches and cables per tier</source>
        <translation>各层交换机与线缆</translation>
    </message>
    <message>
        <source>PFC headroom against distance</source>
        <translation>PFC 余量与距离</translation>
    </message>
    <message>
        <source>Transfer time against line rate</source>
        <translation>传输时间与线路速率</translation>
    </message>
    <message>
        <source>Utilisation histogram</source>
        <translation>利用率直方图</translation>
    </message>
    <message>
        <source>Latency CDF</source>
        <translation>时延累积分布</translation>
    </message>
    <message>
        <source>Normal vs worst-case utilisation</source>
        <translation>正常与最坏情况利用率</translation>
    </message>
    <message>
        <source>Disconnected traffic per failure</source>
        <translation>各故障中断的流量</translation>
    </message>
    <message>
        <source>Cost per link</source>
        <translation>各链路成本</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>link %1</source>
        <translation>链路 %1</translation>
    </message>
    <message>
        <source>links %1</source>
        <translation>链路 %1</translation>
    </message>
    <message>
        <source>site %1</source>
        <translation>站点 %1</translation>
    </message>
    <message>
        <source>SRLG %1</source>
        <translation>SRLG %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>SlurmJob</name>
    <message>
        <source>&quot;%1&quot; is not a Slurm time limit: give minutes (30), HH:MM:SS or D-HH:MM:SS.</source>
        <translation>“%1”不是 Slurm 时间上限：请给出分钟数（30）、HH:MM:SS 或 D-HH:MM:SS。</translation>
    </message>
    <message>
        <source>Untitled project</source>
        <translation>未命名项目</translation>
    </message>
    <message>
        <source>Import Cluster Result</source>
        <translation>导入集群计算结果</translation>
    </message>
    <message>
        <source>Export Slurm Job</source>
        <translation>导出 Slurm 作业</translation>
    </message>
    <message>
        <source>Shards (array tasks), each on one node's CPUs:</source>
        <translation>分片数（作业数组任务），每片使用一个节点的 CPU：</translation>
    </message>
    <message>
        <source>CPUs per task (threads of a shard):</source>
        <translation>每个任务的 CPU 数（每片的线程数）：</translation>
    </message>
    <message>
        <source>Partition (empty: the cluster's default):</source>
        <translation>分区（留空：集群默认分区）：</translation>
    </message>
    <message>
        <source>Time limit per task, e.g. 30:00 (empty: the partition&apos;s); the merge jobs get it too:</source>
        <translation>每个任务的时间上限，例如 30:00（留空：按分区设置）；合并作业也使用此上限：</translation>
    </message>
    <message>
        <source>Folder for the Slurm job (new or empty)</source>
        <translation>Slurm 作业文件夹（新建或为空）</translation>
    </message>
    <message>
        <source>Wrote the job folder %1 (%2 shards). Copy it to the cluster and run submit.sh there; its README says what each file is. Then import its result.json with Plan &gt; Import Cluster Result.</source>
        <translation>已写入作业文件夹 %1（%2 个分片）。请将其复制到集群并在那里运行 submit.sh；其中的 README 说明了各文件的用途。然后通过“规划 &gt; 导入集群计算结果”导入其 result.json。</translation>
    </message>
    <message>
        <source>Merged result (result.json);;JSON (*.json)</source>
        <translation>合并结果 (result.json);;JSON (*.json)</translation>
    </message>
</context>
</TS>
