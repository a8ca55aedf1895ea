// Renders an SVG icon to square PNG files, one per size, for the hicolor icon theme.
// Usage: nqi_render_icon ICON.svg OUTPUT_DIR NAME SIZE...
//   writes OUTPUT_DIR/<size>x<size>/apps/NAME.png

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char *argv[])
{
    // Rendering needs no display; the offscreen platform keeps it so on build machines.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList arguments = QGuiApplication::arguments();
    if (arguments.size() < 5) {
        std::fputs("usage: nqi_render_icon ICON.svg OUTPUT_DIR NAME SIZE...\n", stderr);
        return 2;
    }
    QSvgRenderer renderer(arguments.at(1));
    if (!renderer.isValid()) {
        std::fprintf(stderr, "nqi_render_icon: %s: not a valid SVG file\n",
                     qPrintable(arguments.at(1)));
        return 1;
    }
    const QDir output(arguments.at(2));
    const QString name = arguments.at(3);
    for (const QString &sizeText : arguments.mid(4)) {
        bool ok = false;
        const int size = sizeText.toInt(&ok);
        if (!ok || size < 8 || size > 1024) {
            std::fprintf(stderr, "nqi_render_icon: %s: not an icon size (8..1024)\n",
                         qPrintable(sizeText));
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter);
        painter.end();
        const QString folder = u"%1x%1/apps"_qs.arg(size);
        if (!output.mkpath(folder) || !image.save(output.filePath(folder + u'/' + name + u".png"))) {
            std::fprintf(stderr, "nqi_render_icon: cannot write %s\n",
                         qPrintable(output.filePath(folder)));
            return 1;
        }
    }
    return 0;
}
