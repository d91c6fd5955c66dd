import type { Metadata } from "next";
import { Suspense } from "react";
import { DataSourcesScreen } from "@/components/data-sources/data-sources-screen";
import { LoadingState } from "@/components/common/states";

export const metadata: Metadata = { title: "Data sources" };

export default function DataSourcesPage() {
  return (
    <Suspense fallback={<LoadingState className="p-6" />}>
      <DataSourcesScreen />
    </Suspense>
  );
}
