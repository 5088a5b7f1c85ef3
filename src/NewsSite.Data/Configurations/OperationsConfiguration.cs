using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsSite.Data.Entities;

namespace NewsSite.Data.Configurations;

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> lease)
    {
        lease.HasKey(l => l.Name);
        lease.Property(l => l.Name).HasMaxLength(100);
        lease.Property(l => l.Holder).HasMaxLength(200);
    }
}
