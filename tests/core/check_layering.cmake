# Fails when a file in core/ or planners/ includes a GUI header or links a GUI module.
set(violations "")
foreach(folder core planners)
    file(GLOB_RECURSE files "${SOURCE_DIR}/${folder}/*.h" "${SOURCE_DIR}/${folder}/*.cpp"
         "${SOURCE_DIR}/${folder}/*.hpp" "${SOURCE_DIR}/${folder}/CMakeLists.txt")
    foreach(file IN LISTS files)
        file(STRINGS "${file}" hits REGEX
             "#[ \t]*include[ \t]*[<\"](QtGui|QtWidgets|QWidget|QPainter|QImage|QPixmap|QColor|QGraphics|QApplication|QGuiApplication)|Qt6?::(Gui|Widgets)")
        if(hits)
            list(APPEND violations "${file}: ${hits}")
        endif()
    endforeach()
endforeach()
if(violations)
    list(JOIN violations "\n" message)
    message(FATAL_ERROR "core/ and planners/ must not use QtGui or QtWidgets:\n${message}")
endif()
message(STATUS "layering: core/ and planners/ are free of GUI headers")
