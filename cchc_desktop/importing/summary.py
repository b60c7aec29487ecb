"""The preview told in a few lines of Vietnamese (``cchc import`` prints them)."""

from __future__ import annotations

from cchc_desktop.importing.preview import ImportPreview


def summary_lines(preview: ImportPreview) -> list[str]:
    table = preview.tables[preview.table_index]
    lines = [f"Tệp: {preview.path.name} ({preview.file_label}), {table.label}."]
    if len(preview.tables) > 1:
        choices = "; ".join(f"{n}. {choice.label}" for n, choice in enumerate(preview.tables, start=1))
        lines.append(f"Tệp có {len(preview.tables)} bảng giống phụ lục: {choices}. Đang dùng bảng {preview.table_index + 1}.")
    if preview.legacy.encoding:
        lines.append(f"Đã chuyển {preview.legacy.converted_cells} ô từ bảng mã {preview.legacy.encoding} sang Unicode.")
    lines.append("Cột: " + "; ".join(f"{c.label} → {preview.field_label(c.field)}" for c in preview.columns) + ".")
    lines.append(f"Năm dùng để đọc thời hạn: {preview.year}.")
    lines.append(f"Nhóm nhiệm vụ: {len(preview.areas)}")
    for area in preview.areas:
        head = f"{area.numeral}. " if area.numeral else ""
        lines.append(f"  {head}{area.title}: {area.task_count} nhiệm vụ")
    lines.append(f"Nhiệm vụ: {len(preview.tasks)}")
    warnings = preview.warnings
    lines.append(f"Cảnh báo: {len(warnings)}")
    lines += [f"  dòng {row}: {message}" if row else f"  {message}" for row, message in warnings]
    return lines
