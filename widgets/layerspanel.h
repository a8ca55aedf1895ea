#pragma once

#include <QWidget>

class QListWidget;

namespace nqi::widgets {

class MapCanvas;

/// The Layers dock: what the map shows, and vector layers from any GDAL file over the basemap
/// (add, remove, reorder, hide, style).
class LayersPanel : public QWidget
{
    Q_OBJECT

public:
    explicit LayersPanel(MapCanvas *canvas, QWidget *parent = nullptr);

    /// Adds a layer of a vector file; asks which layer when the file has several.
    void addLayerFromFile(const QString &path);
    QListWidget *overlayList() const { return m_list; }

private:
    void refresh();
    void addDialog();
    void styleCurrent();

    MapCanvas *m_canvas;
    QListWidget *m_list;
    bool m_refreshing = false;
};

} // namespace nqi::widgets
