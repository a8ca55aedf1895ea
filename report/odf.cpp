#include "report/odf.h"

#include "core/model/diagnostic.h"

#include <QSet>
#include <QUuid>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <cpl_conv.h>
#include <cpl_vsi.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace nqi::report {
namespace {

const QString kOffice = u"urn:oasis:names:tc:opendocument:xmlns:office:1.0"_qs;
const QString kStyle = u"urn:oasis:names:tc:opendocument:xmlns:style:1.0"_qs;
const QString kText = u"urn:oasis:names:tc:opendocument:xmlns:text:1.0"_qs;
const QString kTable = u"urn:oasis:names:tc:opendocument:xmlns:table:1.0"_qs;
const QString kFo = u"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"_qs;
const QString kSvg = u"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"_qs;
const QString kManifest = u"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"_qs;

[[noreturn]] void refuse(const QString &file, const QString &message)
{
    throw core::Failure(core::makeError(file, 0, u"ODT"_qs, message));
}

// The width of text in the body font, in units of a Latin digit: East Asian characters take
// two (their advance is about twice a digit's).
int displayWidth(QStringView text)
{
    int width = 0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool wide = (u >= 0x1100 && u <= 0x115f) || (u >= 0x2e80 && u <= 0xa4cf) ||
                          (u >= 0xac00 && u <= 0xd7a3) || (u >= 0xf900 && u <= 0xfaff) ||
                          (u >= 0xfe30 && u <= 0xfe4f) || (u >= 0xff00 && u <= 0xff60) ||
                          (u >= 0xffe0 && u <= 0xffe6);
        width += wide ? 2 : 1;
    }
    return width;
}

int longestWordWidth(const QString &text)
{
    int width = 0;
    for (const QString &word : text.split(u' ', Qt::SkipEmptyParts))
        width = std::max(width, displayWidth(word));
    return width;
}

struct TableFacts
{
    std::vector<std::vector<int>> columnWidths; ///< per table in document order
    QSet<QString> headingCellStyles;            ///< the styles of the first rows' cells
};

// Per table of content.xml in document order, the width each column wants: its longest body
// cell, or the longest word of its heading (headings wrap between words), within 4 to 30 digits,
// and two more for the cell's padding: numbers, codes and names of a few words stay on one line.
TableFacts tableFacts(const QByteArray &content)
{
    TableFacts facts;
    std::vector<std::vector<int>> &tables = facts.columnWidths;
    std::vector<size_t> open; // index of each table being read (innermost last)
    int row = -1, column = -1;
    QString cell;
    bool inCell = false;
    int inParagraph = 0; // the text of a cell is in its paragraphs (the rest is indentation)
    QXmlStreamReader reader(content);
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement:
            if (reader.namespaceUri() == kText && reader.name() == u"p")
                ++inParagraph;
            if (reader.namespaceUri() != kTable)
                break;
            if (reader.name() == u"table") {
                open.push_back(tables.size());
                tables.emplace_back();
                row = -1;
            } else if (reader.name() == u"table-row") {
                ++row;
                column = -1;
            } else if (reader.name() == u"table-cell" && !open.empty()) {
                ++column;
                if (row == 0)
                    facts.headingCellStyles.insert(
                        reader.attributes().value(kTable, u"style-name"_qs).toString());
                inCell = true;
                cell.clear();
            }
            break;
        case QXmlStreamReader::Characters:
            if (inCell && inParagraph > 0)
                cell += reader.text();
            break;
        case QXmlStreamReader::EndElement:
            if (reader.namespaceUri() == kText && reader.name() == u"p")
                --inParagraph;
            if (reader.namespaceUri() != kTable)
                break;
            if (reader.name() == u"table" && !open.empty()) {
                open.pop_back();
            } else if (reader.name() == u"table-cell" && inCell && !open.empty()) {
                inCell = false;
                std::vector<int> &widths = tables[open.back()];
                if (widths.size() <= size_t(column))
                    widths.resize(size_t(column) + 1, 4);
                // Headings are set in bold at the body size, cells smaller (10 and 8.5 pt).
                const int wanted =
                    row == 0 ? int(std::ceil(longestWordWidth(cell) * 1.3)) : displayWidth(cell);
                widths[size_t(column)] = std::clamp(wanted + 2, widths[size_t(column)], 32);
            }
            break;
        default:
            break;
        }
    }
    return facts;
}

QString pt(double value)
{
    return QString::number(value, 'f', 2) + u"pt"_qs;
}

QString quotedFamily(const QString &family)
{
    return u'\'' + family + u'\'';
}

QByteArray polishContent(const QByteArray &content, const OdfLook &look)
{
    const TableFacts facts = tableFacts(content);
    const std::vector<std::vector<int>> &widths = facts.columnWidths;
    const double textWidthMm = look.pageWidthMm - 2 * look.marginMm;

    QByteArray out;
    QXmlStreamWriter writer(&out);
    QXmlStreamReader reader(content);
    int table = -1;           // index of the current table in document order
    int rowsSeen = 0;         // rows of the current table so far
    bool inHeaderRow = false; // the first row, wrapped in table-header-rows
    bool columnsWritten = false;
    QString style; // the name of the style being read
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const QStringView ns = reader.namespaceUri();
            const QStringView name = reader.name();
            if (ns == kStyle && name == u"text-properties") {
                // ODF sizes and weighs Latin, East Asian and complex script apart: all alike.
                QXmlStreamAttributes attributes = reader.attributes();
                QXmlStreamAttributes polished;
                for (const QXmlStreamAttribute &attribute : attributes) {
                    if (attribute.namespaceUri() == kFo && attribute.name() == u"font-family") {
                        polished.append(kFo, u"font-family"_qs, quotedFamily(look.westernFont));
                        polished.append(kStyle, u"font-family-asian"_qs,
                                        quotedFamily(look.asianFont));
                        polished.append(kStyle, u"font-family-complex"_qs,
                                        quotedFamily(look.westernFont));
                        continue;
                    }
                    polished.append(attribute);
                    if (attribute.namespaceUri() != kFo)
                        continue;
                    for (const char16_t *property : {u"font-size", u"font-weight", u"font-style"})
                        if (attribute.name() == QStringView(property)) {
                            polished.append(kStyle, attribute.name() + u"-asian"_qs,
                                            attribute.value().toString());
                            polished.append(kStyle, attribute.name() + u"-complex"_qs,
                                            attribute.value().toString());
                        }
                }
                writer.writeStartElement(kStyle, u"text-properties"_qs);
                writer.writeAttributes(polished);
                continue;
            }
            if (ns == kStyle && name == u"style")
                style = reader.attributes().value(kStyle, u"name"_qs).toString();
            if (ns == kStyle && name == u"table-cell-properties" &&
                facts.headingCellStyles.contains(style)) {
                // Qt leaves out the background of the table's heading cells.
                writer.writeStartElement(kStyle, u"table-cell-properties"_qs);
                writer.writeAttributes(reader.attributes());
                writer.writeAttribute(kFo, u"background-color"_qs, look.headingBackground);
                continue;
            }
            if (ns == kStyle && name == u"table-properties") {
                // Qt writes a percentage width as points (100% became 100pt).
                QXmlStreamAttributes polished;
                for (const QXmlStreamAttribute &attribute : reader.attributes())
                    if (!(attribute.namespaceUri() == kStyle && attribute.name() == u"width") &&
                        !(attribute.namespaceUri() == kTable && attribute.name() == u"align"))
                        polished.append(attribute);
                polished.append(kStyle, u"width"_qs, QString::number(textWidthMm) + u"mm"_qs);
                polished.append(kStyle, u"rel-width"_qs, u"100%"_qs);
                polished.append(kTable, u"align"_qs, u"margins"_qs);
                writer.writeStartElement(kStyle, u"table-properties"_qs);
                writer.writeAttributes(polished);
                continue;
            }
            if (ns == kTable && name == u"table") {
                ++table;
                rowsSeen = 0;
                columnsWritten = false;
            } else if (ns == kTable && name == u"table-column" && table >= 0) {
                // One column element per column, each with its relative width.
                reader.skipCurrentElement();
                if (std::exchange(columnsWritten, true))
                    continue;
                const std::vector<int> &columns = widths.at(size_t(table));
                for (size_t c = 0; c < columns.size(); ++c) {
                    writer.writeEmptyElement(kTable, u"table-column"_qs);
                    writer.writeAttribute(kTable, u"style-name"_qs,
                                          u"NqiColumn%1.%2"_qs.arg(table).arg(c));
                }
                continue;
            } else if (ns == kTable && name == u"table-row" && table >= 0 && rowsSeen++ == 0) {
                writer.writeStartElement(kTable, u"table-header-rows"_qs);
                inHeaderRow = true;
            }
        } else if (token == QXmlStreamReader::EndElement) {
            if (reader.namespaceUri() == kOffice && reader.name() == u"automatic-styles") {
                for (size_t t = 0; t < widths.size(); ++t)
                    for (size_t c = 0; c < widths[t].size(); ++c) {
                        writer.writeStartElement(kStyle, u"style"_qs);
                        writer.writeAttribute(kStyle, u"name"_qs,
                                              u"NqiColumn%1.%2"_qs.arg(t).arg(c));
                        writer.writeAttribute(kStyle, u"family"_qs, u"table-column"_qs);
                        writer.writeEmptyElement(kStyle, u"table-column-properties"_qs);
                        writer.writeAttribute(kStyle, u"rel-column-width"_qs,
                                              QString::number(widths[t][c] * 100) + u'*');
                        writer.writeEndElement();
                    }
            }
            if (reader.namespaceUri() == kTable && reader.name() == u"table-row" && inHeaderRow) {
                writer.writeCurrentToken(reader);
                writer.writeEndElement(); // table-header-rows
                inHeaderRow = false;
                continue;
            }
        }
        writer.writeCurrentToken(reader);
    }
    if (reader.hasError())
        refuse(u"content.xml"_qs, reader.errorString());
    return out;
}

// The page and the default paragraph font, which Qt's writer leaves to the word processor.
QByteArray stylesXml(const OdfLook &look)
{
    QByteArray out;
    QXmlStreamWriter writer(&out);
    writer.setAutoFormatting(true);
    writer.writeStartDocument();
    writer.writeNamespace(kOffice, u"office"_qs);
    writer.writeNamespace(kStyle, u"style"_qs);
    writer.writeNamespace(kText, u"text"_qs);
    writer.writeNamespace(kFo, u"fo"_qs);
    writer.writeNamespace(kSvg, u"svg"_qs);
    writer.writeStartElement(kOffice, u"document-styles"_qs);
    writer.writeAttribute(kOffice, u"version"_qs, u"1.2"_qs);

    writer.writeStartElement(kOffice, u"font-face-decls"_qs);
    for (const QString &family : {look.westernFont, look.asianFont}) {
        writer.writeEmptyElement(kStyle, u"font-face"_qs);
        writer.writeAttribute(kStyle, u"name"_qs, family);
        writer.writeAttribute(kSvg, u"font-family"_qs, quotedFamily(family));
        writer.writeAttribute(kStyle, u"font-family-generic"_qs, u"swiss"_qs);
        writer.writeAttribute(kStyle, u"font-pitch"_qs, u"variable"_qs);
    }
    writer.writeEndElement();

    const bool zh = look.language.startsWith(u"zh"_qs);
    writer.writeStartElement(kOffice, u"styles"_qs);
    writer.writeStartElement(kStyle, u"default-style"_qs);
    writer.writeAttribute(kStyle, u"family"_qs, u"paragraph"_qs);
    writer.writeEmptyElement(kStyle, u"text-properties"_qs);
    const QString size = pt(look.fontSizePt);
    writer.writeAttribute(kStyle, u"font-name"_qs, look.westernFont);
    writer.writeAttribute(kFo, u"font-size"_qs, size);
    writer.writeAttribute(kFo, u"language"_qs, zh ? u"zh"_qs : u"en"_qs);
    writer.writeAttribute(kFo, u"country"_qs, zh ? u"CN"_qs : u"GB"_qs);
    writer.writeAttribute(kStyle, u"font-name-asian"_qs, look.asianFont);
    writer.writeAttribute(kStyle, u"font-size-asian"_qs, size);
    writer.writeAttribute(kStyle, u"language-asian"_qs, u"zh"_qs);
    writer.writeAttribute(kStyle, u"country-asian"_qs, u"CN"_qs);
    writer.writeAttribute(kStyle, u"font-name-complex"_qs, look.westernFont);
    writer.writeAttribute(kStyle, u"font-size-complex"_qs, size);
    writer.writeEndElement(); // default-style

    writer.writeStartElement(kStyle, u"style"_qs);
    writer.writeAttribute(kStyle, u"name"_qs, u"Footer"_qs);
    writer.writeAttribute(kStyle, u"family"_qs, u"paragraph"_qs);
    writer.writeAttribute(kStyle, u"class"_qs, u"extra"_qs);
    writer.writeEmptyElement(kStyle, u"paragraph-properties"_qs);
    writer.writeAttribute(kFo, u"text-align"_qs, u"center"_qs);
    writer.writeEmptyElement(kStyle, u"text-properties"_qs);
    const QString footerSize = pt(look.fontSizePt * 0.8);
    writer.writeAttribute(kFo, u"font-size"_qs, footerSize);
    writer.writeAttribute(kStyle, u"font-size-asian"_qs, footerSize);
    writer.writeAttribute(kStyle, u"font-size-complex"_qs, footerSize);
    writer.writeEndElement(); // style
    writer.writeEndElement(); // styles

    writer.writeStartElement(kOffice, u"automatic-styles"_qs);
    writer.writeStartElement(kStyle, u"page-layout"_qs);
    writer.writeAttribute(kStyle, u"name"_qs, u"NqiPage"_qs);
    writer.writeEmptyElement(kStyle, u"page-layout-properties"_qs);
    const auto mm = [](double value) -> QString {
        return QString::number(value) + u"mm"_qs;
    };
    writer.writeAttribute(kFo, u"page-width"_qs, mm(look.pageWidthMm));
    writer.writeAttribute(kFo, u"page-height"_qs, mm(look.pageHeightMm));
    writer.writeAttribute(kStyle, u"print-orientation"_qs, u"portrait"_qs);
    writer.writeAttribute(kFo, u"margin-top"_qs, mm(look.marginMm));
    writer.writeAttribute(kFo, u"margin-left"_qs, mm(look.marginMm));
    writer.writeAttribute(kFo, u"margin-right"_qs, mm(look.marginMm));
    // The footer sits inside the bottom margin, as the PDF's page numbers do.
    writer.writeAttribute(kFo, u"margin-bottom"_qs, mm(look.marginMm / 2));
    writer.writeStartElement(kStyle, u"footer-style"_qs);
    writer.writeEmptyElement(kStyle, u"header-footer-properties"_qs);
    writer.writeAttribute(kFo, u"min-height"_qs, mm(look.marginMm / 2 - 2));
    writer.writeAttribute(kFo, u"margin-top"_qs, mm(2));
    writer.writeEndElement(); // footer-style
    writer.writeEndElement(); // page-layout
    writer.writeEndElement(); // automatic-styles

    writer.writeStartElement(kOffice, u"master-styles"_qs);
    writer.writeStartElement(kStyle, u"master-page"_qs);
    writer.writeAttribute(kStyle, u"name"_qs, u"Standard"_qs);
    writer.writeAttribute(kStyle, u"page-layout-name"_qs, u"NqiPage"_qs);
    writer.writeStartElement(kStyle, u"footer"_qs);
    writer.writeStartElement(kText, u"p"_qs);
    writer.writeAttribute(kText, u"style-name"_qs, u"Footer"_qs);
    writer.writeStartElement(kText, u"page-number"_qs);
    writer.writeAttribute(kText, u"select-page"_qs, u"current"_qs);
    writer.writeEndElement(); // page-number
    writer.writeEndElement(); // p
    writer.writeEndElement(); // footer
    writer.writeEndElement(); // master-page
    writer.writeEndElement(); // master-styles

    writer.writeEndElement(); // document-styles
    writer.writeEndDocument();
    return out;
}

// The manifest with styles.xml added; also lists the files the package holds.
QByteArray polishManifest(const QByteArray &manifest, QStringList *files)
{
    QByteArray out;
    QXmlStreamWriter writer(&out);
    QXmlStreamReader reader(manifest);
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::StartElement && reader.namespaceUri() == kManifest &&
            reader.name() == u"file-entry") {
            const QString path = reader.attributes().value(kManifest, u"full-path"_qs).toString();
            if (path != u"/"_qs && !path.endsWith(u'/') && path != u"styles.xml"_qs)
                files->append(path);
        }
        if (token == QXmlStreamReader::EndElement && reader.namespaceUri() == kManifest &&
            reader.name() == u"manifest") {
            writer.writeEmptyElement(kManifest, u"file-entry"_qs);
            writer.writeAttribute(kManifest, u"media-type"_qs, u"text/xml"_qs);
            writer.writeAttribute(kManifest, u"full-path"_qs, u"styles.xml"_qs);
        }
        writer.writeCurrentToken(reader);
    }
    if (reader.hasError())
        refuse(u"META-INF/manifest.xml"_qs, reader.errorString());
    return out;
}

// A package in GDAL's memory file system, read through /vsizip/; removed when done.
class MemoryZip
{
public:
    explicit MemoryZip(const QByteArray &data)
        : m_path(
              u"/vsimem/nqi-odt-%1.zip"_qs.arg(QUuid::createUuid().toString(QUuid::Id128)).toUtf8())
    {
        VSIFCloseL(VSIFileFromMemBuffer(m_path.constData(),
                                        reinterpret_cast<GByte *>(const_cast<char *>(data.data())),
                                        vsi_l_offset(data.size()), FALSE));
    }
    ~MemoryZip() { VSIUnlink(m_path.constData()); }
    MemoryZip(const MemoryZip &) = delete;
    MemoryZip &operator=(const MemoryZip &) = delete;

    QByteArray read(const QString &entry, const QString &fileName) const
    {
        const QByteArray path = "/vsizip/" + m_path + '/' + entry.toUtf8();
        GByte *bytes = nullptr;
        vsi_l_offset size = 0;
        if (!VSIIngestFile(nullptr, path.constData(), &bytes, &size, -1))
            refuse(fileName, u"the document has no %1"_qs.arg(entry));
        QByteArray data(reinterpret_cast<const char *>(bytes), qsizetype(size));
        VSIFree(bytes);
        return data;
    }

private:
    QByteArray m_path;
};

class ZipWriter
{
public:
    explicit ZipWriter(const QString &fileName)
        : m_fileName(fileName)
        , m_path(u"/vsimem/nqi-odt-%1-out.zip"_qs.arg(QUuid::createUuid().toString(QUuid::Id128))
                     .toUtf8())
        , m_zip64(CPLGetThreadLocalConfigOption("CPL_CREATE_ZIP64", nullptr))
        , m_zip(createZip(m_path))
    {
        if (!m_zip)
            refuse(m_fileName, u"cannot create the package: %1"_qs.arg(
                                   QString::fromUtf8(CPLGetLastErrorMsg())));
    }
    ~ZipWriter()
    {
        if (m_zip)
            CPLCloseZip(m_zip);
        VSIUnlink(m_path.constData());
        CPLSetThreadLocalConfigOption("CPL_CREATE_ZIP64",
                                      m_zip64.isNull() ? nullptr : m_zip64.constData());
    }
    ZipWriter(const ZipWriter &) = delete;
    ZipWriter &operator=(const ZipWriter &) = delete;

    /// PNG pictures and the mimetype (which must be first, and stored) are not compressed.
    void add(const QString &entry, const QByteArray &data, bool compress)
    {
        char compressed[] = "COMPRESSED=YES";
        char stored[] = "COMPRESSED=NO";
        char *options[] = {compress ? compressed : stored, nullptr};
        if (CPLCreateFileInZip(m_zip, entry.toUtf8().constData(), options) != CE_None ||
            CPLWriteFileInZip(m_zip, data.constData(), int(data.size())) != CE_None ||
            CPLCloseFileInZip(m_zip) != CE_None)
            refuse(m_fileName, u"cannot write %1 into the package: %2"_qs.arg(
                                   entry, QString::fromUtf8(CPLGetLastErrorMsg())));
    }

    QByteArray finish()
    {
        const CPLErr closed = CPLCloseZip(m_zip);
        m_zip = nullptr;
        if (closed != CE_None)
            refuse(m_fileName, u"cannot finish the package"_qs);
        vsi_l_offset size = 0;
        const GByte *bytes = VSIGetMemFileBuffer(m_path.constData(), &size, FALSE);
        return QByteArray(reinterpret_cast<const char *>(bytes), qsizetype(size));
    }

private:
    // ODF readers (and file type detection) look for the mimetype right after its local
    // header: no Zip64 extra fields (a report is far below 4 GiB).
    static void *createZip(const QByteArray &path)
    {
        CPLSetThreadLocalConfigOption("CPL_CREATE_ZIP64", "NO");
        return CPLCreateZip(path.constData(), nullptr);
    }

    QString m_fileName;
    QByteArray m_path;
    QByteArray m_zip64; ///< the thread's setting before, restored after
    void *m_zip = nullptr;
};

} // namespace

QByteArray polishOdt(const QByteArray &odt, const OdfLook &look, const QString &fileName)
{
    const MemoryZip package(odt);
    QStringList files;
    const QByteArray manifest =
        polishManifest(package.read(u"META-INF/manifest.xml"_qs, fileName), &files);

    ZipWriter writer(fileName);
    writer.add(u"mimetype"_qs, package.read(u"mimetype"_qs, fileName), false);
    writer.add(u"META-INF/manifest.xml"_qs, manifest, true);
    writer.add(u"styles.xml"_qs, stylesXml(look), true);
    for (const QString &file : files) {
        const QByteArray data = package.read(file, fileName);
        if (file == u"content.xml"_qs)
            writer.add(file, polishContent(data, look), true);
        else
            writer.add(file, data, !file.startsWith(u"Pictures/"_qs));
    }
    return writer.finish();
}

} // namespace nqi::report
