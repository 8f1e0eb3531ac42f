import {
  AngleTool,
  CrosshairsTool,
  EllipticalROITool,
  Enums as ToolEnums,
  LengthTool,
  PanTool,
  PlanarRotateTool,
  ProbeTool,
  RectangleROITool,
  ReferenceLinesTool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';

/** The tools a user picks for the left mouse button, each with its shortcut key. */
export const PRIMARY_TOOLS = [
  { id: 'windowLevel', toolName: WindowLevelTool.toolName, key: 'w' },
  { id: 'scroll', toolName: StackScrollTool.toolName, key: 's' },
  { id: 'zoom', toolName: ZoomTool.toolName, key: 'z' },
  { id: 'pan', toolName: PanTool.toolName, key: 'p' },
  { id: 'rotate', toolName: PlanarRotateTool.toolName, key: 't' },
  { id: 'length', toolName: LengthTool.toolName, key: 'l' },
  { id: 'angle', toolName: AngleTool.toolName, key: 'a' },
  { id: 'ellipse', toolName: EllipticalROITool.toolName, key: 'e' },
  { id: 'rectangle', toolName: RectangleROITool.toolName, key: 'r' },
  { id: 'probe', toolName: ProbeTool.toolName, key: 'b' },
] as const;

export type PrimaryToolId = (typeof PRIMARY_TOOLS)[number]['id'];

const { MouseBindings } = ToolEnums;

/**
 * The stack viewports' tool group: the chosen tool on the left button, zoom on the right, pan on
 * the middle, scroll on the wheel; measurements stay visible when another tool is chosen.
 */
export function createStackToolGroup(id: string): ToolTypes.IToolGroup {
  ToolGroupManager.destroyToolGroup(id);
  const group = ToolGroupManager.createToolGroup(id);
  if (!group) throw new Error(`tool group ${id} could not be created`);
  for (const tool of PRIMARY_TOOLS) group.addTool(tool.toolName);
  group.addTool(ReferenceLinesTool.toolName);
  group.setToolActive(StackScrollTool.toolName, {
    bindings: [{ mouseButton: MouseBindings.Wheel }],
  });
  group.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
  group.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
  setPrimaryTool(group, 'windowLevel');
  return group;
}

const MEASUREMENT_TOOLS = new Set<string>([
  LengthTool.toolName,
  AngleTool.toolName,
  EllipticalROITool.toolName,
  RectangleROITool.toolName,
  ProbeTool.toolName,
]);

export function setPrimaryTool(group: ToolTypes.IToolGroup, toolId: PrimaryToolId): void {
  const chosen = PRIMARY_TOOLS.find((tool) => tool.id === toolId);
  if (!chosen) return;
  for (const tool of PRIMARY_TOOLS) {
    if (tool.toolName === chosen.toolName) continue;
    if (tool.toolName === StackScrollTool.toolName) {
      group.setToolActive(tool.toolName, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
    } else if (tool.toolName === ZoomTool.toolName) {
      group.setToolActive(tool.toolName, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
    } else if (tool.toolName === PanTool.toolName) {
      group.setToolActive(tool.toolName, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
    } else if (MEASUREMENT_TOOLS.has(tool.toolName)) {
      group.setToolPassive(tool.toolName);
    } else {
      group.setToolDisabled(tool.toolName);
    }
  }
  const bindings: ToolTypes.IToolBinding[] = [{ mouseButton: MouseBindings.Primary }];
  if (chosen.toolName === StackScrollTool.toolName)
    bindings.push({ mouseButton: MouseBindings.Wheel });
  if (chosen.toolName === ZoomTool.toolName)
    bindings.push({ mouseButton: MouseBindings.Secondary });
  if (chosen.toolName === PanTool.toolName) bindings.push({ mouseButton: MouseBindings.Auxiliary });
  group.setToolActive(chosen.toolName, { bindings });
}

/** The MPR viewports' tool group: crosshairs on the left button. */
export function createMprToolGroup(id: string): ToolTypes.IToolGroup {
  ToolGroupManager.destroyToolGroup(id);
  const group = ToolGroupManager.createToolGroup(id);
  if (!group) throw new Error(`tool group ${id} could not be created`);
  group.addTool(CrosshairsTool.toolName);
  group.addTool(StackScrollTool.toolName);
  group.addTool(ZoomTool.toolName);
  group.addTool(PanTool.toolName);
  group.addTool(WindowLevelTool.toolName);
  group.setToolActive(CrosshairsTool.toolName, {
    bindings: [{ mouseButton: MouseBindings.Primary }],
  });
  group.setToolActive(StackScrollTool.toolName, {
    bindings: [{ mouseButton: MouseBindings.Wheel }],
  });
  group.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
  group.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
  return group;
}
