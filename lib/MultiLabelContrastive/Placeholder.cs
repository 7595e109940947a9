namespace MultiLabelContrastive; internal static class Placeholder {}
