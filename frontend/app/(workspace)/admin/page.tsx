import type { Metadata } from "next";
import { Suspense } from "react";
import { AdminScreen } from "@/components/admin/admin-screen";
import { LoadingState } from "@/components/common/states";

export const metadata: Metadata = { title: "Admin" };

export default function AdminPage() {
  return (
    <Suspense fallback={<LoadingState className="p-6" />}>
      <AdminScreen />
    </Suspense>
  );
}
