import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

export interface PageHeadingProps {
  title: string;
  description?: string;
  /** Buttons shown at the right of the title. */
  extra?: ReactNode;
}

/** The h1 and lead paragraph every page starts with. */
export function PageHeading({ title, description, extra }: PageHeadingProps) {
  return (
    <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 16 }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0, marginBottom: 8 }}>
          {title}
        </Typography.Title>
        {description && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {description}
          </Typography.Paragraph>
        )}
      </div>
      {extra}
    </Flex>
  );
}
