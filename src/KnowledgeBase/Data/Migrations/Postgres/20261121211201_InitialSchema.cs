using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace KnowledgeBase.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Accounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    DisplayName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    PasswordHash = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false, collation: "C"),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SecurityStamp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    FailedLoginCount = table.Column<int>(type: "integer", nullable: false),
                    LockedOutUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    IsDisabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastLoginAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Accounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChangeRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    EntityType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    EntityId = table.Column<int>(type: "integer", nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    ClaimId = table.Column<int>(type: "integer", nullable: true),
                    Changes = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    Xml = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Sources",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, collation: "C"),
                    TitleOrigin = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Publisher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    OriginalText = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    CleanedText = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false, collation: "C"),
                    PartIndex = table.Column<int>(type: "integer", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Studies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LibraryId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    RecordType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    Title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false, collation: "C"),
                    ShortLabel = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true, collation: "C"),
                    Authors = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Journal = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true, collation: "C"),
                    Year = table.Column<int>(type: "integer", nullable: true),
                    Volume = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    Issue = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    Pages = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    Doi = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    Pmid = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true, collation: "C"),
                    Pmcid = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true, collation: "C"),
                    PhaseText = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Design = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Participants = table.Column<int>(type: "integer", nullable: true),
                    ParticipantsDetail = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    CellType = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    CellSource = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Route = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Dosing = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    MainResults = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Unverified = table.Column<List<string>>(type: "text[]", nullable: false),
                    VerifiedFrom = table.Column<List<string>>(type: "text[]", nullable: false),
                    Provenance = table.Column<List<string>>(type: "text[]", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CellSourceFacet = table.Column<int>(type: "integer", nullable: false),
                    RouteFacet = table.Column<int>(type: "integer", nullable: false),
                    EvidenceLevel = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    PhaseFacet = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    FacetsVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Studies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Tags",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false, collation: "C"),
                    NormalizedName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tags", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TherapyTypes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, collation: "C"),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TherapyTypes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Trials",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NctId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true, collation: "C"),
                    Phase = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    PhaseText = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Design = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Enrollment = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    Sponsor = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true, collation: "C"),
                    Intervention = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Provenance = table.Column<List<string>>(type: "text[]", nullable: false),
                    Unverified = table.Column<List<string>>(type: "text[]", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CellSourceFacet = table.Column<int>(type: "integer", nullable: false),
                    RouteFacet = table.Column<int>(type: "integer", nullable: false),
                    EvidenceLevel = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    StatusFacet = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    FacetsVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Trials", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SourceId = table.Column<int>(type: "integer", nullable: false),
                    Quote = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Start = table.Column<int>(type: "integer", nullable: false),
                    End = table.Column<int>(type: "integer", nullable: false),
                    Prefix = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    Suffix = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    IsOrphaned = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    DetectionSignals = table.Column<List<string>>(type: "text[]", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Claims", x => x.Id);
                    table.CheckConstraint("CK_Claims_Span", "\"Start\" >= 0 AND \"End\" > \"Start\"");
                    table.ForeignKey(
                        name: "FK_Claims_Sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "Sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StudyTherapyTypes",
                columns: table => new
                {
                    StudiesId = table.Column<int>(type: "integer", nullable: false),
                    TherapyTypesId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudyTherapyTypes", x => new { x.StudiesId, x.TherapyTypesId });
                    table.ForeignKey(
                        name: "FK_StudyTherapyTypes_Studies_StudiesId",
                        column: x => x.StudiesId,
                        principalTable: "Studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StudyTherapyTypes_TherapyTypes_TherapyTypesId",
                        column: x => x.TherapyTypesId,
                        principalTable: "TherapyTypes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SourceReferences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SourceId = table.Column<int>(type: "integer", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    Text = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    Pmid = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true, collation: "C"),
                    Doi = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    NctId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true, collation: "C"),
                    StudyId = table.Column<int>(type: "integer", nullable: true),
                    TrialId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceReferences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SourceReferences_Sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "Sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SourceReferences_Studies_StudyId",
                        column: x => x.StudyId,
                        principalTable: "Studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_SourceReferences_Trials_TrialId",
                        column: x => x.TrialId,
                        principalTable: "Trials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "StudyTrials",
                columns: table => new
                {
                    StudiesId = table.Column<int>(type: "integer", nullable: false),
                    TrialsId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudyTrials", x => new { x.StudiesId, x.TrialsId });
                    table.ForeignKey(
                        name: "FK_StudyTrials_Studies_StudiesId",
                        column: x => x.StudiesId,
                        principalTable: "Studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StudyTrials_Trials_TrialsId",
                        column: x => x.TrialsId,
                        principalTable: "Trials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrialTherapyTypes",
                columns: table => new
                {
                    TherapyTypesId = table.Column<int>(type: "integer", nullable: false),
                    TrialsId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrialTherapyTypes", x => new { x.TherapyTypesId, x.TrialsId });
                    table.ForeignKey(
                        name: "FK_TrialTherapyTypes_TherapyTypes_TherapyTypesId",
                        column: x => x.TherapyTypesId,
                        principalTable: "TherapyTypes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TrialTherapyTypes_Trials_TrialsId",
                        column: x => x.TrialsId,
                        principalTable: "Trials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClaimTags",
                columns: table => new
                {
                    ClaimsId = table.Column<int>(type: "integer", nullable: false),
                    TagsId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimTags", x => new { x.ClaimsId, x.TagsId });
                    table.ForeignKey(
                        name: "FK_ClaimTags_Claims_ClaimsId",
                        column: x => x.ClaimsId,
                        principalTable: "Claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClaimTags_Tags_TagsId",
                        column: x => x.TagsId,
                        principalTable: "Tags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClaimId = table.Column<int>(type: "integer", nullable: false),
                    StudyId = table.Column<int>(type: "integer", nullable: true),
                    TrialId = table.Column<int>(type: "integer", nullable: true),
                    Relation = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Assessment = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Note = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true, collation: "C"),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceLinks", x => x.Id);
                    table.CheckConstraint("CK_EvidenceLinks_Target", "(\"Relation\" = 'NoCitationGiven' AND \"StudyId\" IS NULL AND \"TrialId\" IS NULL) OR (\"Relation\" <> 'NoCitationGiven' AND (\"StudyId\" IS NOT NULL OR \"TrialId\" IS NOT NULL))");
                    table.ForeignKey(
                        name: "FK_EvidenceLinks_Claims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "Claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvidenceLinks_Studies_StudyId",
                        column: x => x.StudyId,
                        principalTable: "Studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvidenceLinks_Trials_TrialId",
                        column: x => x.TrialId,
                        principalTable: "Trials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "Tags",
                columns: new[] { "Id", "CreatedAt", "Description", "Kind", "Name", "NormalizedName", "Version" },
                values: new object[,]
                {
                    { 1, new DateTime(2026, 11, 21, 0, 0, 0, 0, DateTimeKind.Utc), "Says the therapy works: slows, stops or reverses the disease, improves function.", "Category", "efficacy", "EFFICACY", 0 },
                    { 2, new DateTime(2026, 11, 21, 0, 0, 0, 0, DateTimeKind.Utc), "Says the therapy is safe, well tolerated or free of side effects.", "Category", "safety", "SAFETY", 0 },
                    { 3, new DateTime(2026, 11, 21, 0, 0, 0, 0, DateTimeKind.Utc), "Says the therapy prolongs life or improves survival figures.", "Category", "survival", "SURVIVAL", 0 },
                    { 4, new DateTime(2026, 11, 21, 0, 0, 0, 0, DateTimeKind.Utc), "Explains how the therapy is supposed to work.", "Category", "mechanism", "MECHANISM", 0 },
                    { 5, new DateTime(2026, 11, 21, 0, 0, 0, 0, DateTimeKind.Utc), "Approvals, designations, trial phases and regulators' decisions.", "Category", "regulatory status", "REGULATORY STATUS", 0 },
                    { 6, new DateTime(2026, 11, 21, 0, 0, 0, 0, DateTimeKind.Utc), "Price, availability, eligibility or how to get the treatment.", "Category", "cost/access", "COST/ACCESS", 0 },
                    { 7, new DateTime(2026, 11, 21, 0, 0, 0, 0, DateTimeKind.Utc), "An individual patient's story offered as evidence.", "Category", "patient testimonial", "PATIENT TESTIMONIAL", 0 }
                });

            migrationBuilder.InsertData(
                table: "TherapyTypes",
                columns: new[] { "Id", "Description", "Name", "Slug", "SortOrder" },
                values: new object[,]
                {
                    { 1, "Mesenchymal stem/stromal cells from bone marrow, unmodified.", "Bone-marrow MSC", "bone-marrow-msc", 1 },
                    { 2, "Mesenchymal stromal cells from fat tissue.", "Adipose MSC", "adipose-msc", 2 },
                    { 3, "Mesenchymal stem cells from umbilical cord tissue or Wharton's jelly.", "Umbilical-cord / Wharton's-jelly MSC", "umbilical-cord-msc", 3 },
                    { 4, "Bone-marrow MSCs induced ex vivo to secrete neurotrophic factors (NurOwn, debamestrocel).", "MSC-NTF (NurOwn)", "msc-ntf", 4 },
                    { 5, "Extracellular vesicles secreted by MSCs, given without the cells.", "MSC-derived exosomes", "msc-exosomes", 5 },
                    { 6, "MSCs engineered to over-express a factor (GDNF, VEGF, BDNF...).", "Genetically modified MSC", "genetically-modified-msc", 6 },
                    { 7, "Neural stem or progenitor cells.", "Neural stem cells", "neural-stem-cells", 7 },
                    { 8, "Several cell types, another therapy, or not stated.", "Other / unspecified", "other", 8 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_NormalizedEmail",
                table: "Accounts",
                column: "NormalizedEmail",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChangeRecords_Actor_At",
                table: "ChangeRecords",
                columns: new[] { "Actor", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ChangeRecords_At",
                table: "ChangeRecords",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeRecords_ClaimId",
                table: "ChangeRecords",
                column: "ClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeRecords_EntityType_EntityId",
                table: "ChangeRecords",
                columns: new[] { "EntityType", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_ClaimTags_TagsId",
                table: "ClaimTags",
                column: "TagsId");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_CreatedAt",
                table: "Claims",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_IsOrphaned",
                table: "Claims",
                column: "IsOrphaned");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_SourceId_Start",
                table: "Claims",
                columns: new[] { "SourceId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_Status_CreatedAt",
                table: "Claims",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceLinks_Assessment_ClaimId",
                table: "EvidenceLinks",
                columns: new[] { "Assessment", "ClaimId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceLinks_ClaimId",
                table: "EvidenceLinks",
                column: "ClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceLinks_StudyId",
                table: "EvidenceLinks",
                column: "StudyId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceLinks_TrialId",
                table: "EvidenceLinks",
                column: "TrialId");

            migrationBuilder.CreateIndex(
                name: "IX_SourceReferences_SourceId_Ordinal",
                table: "SourceReferences",
                columns: new[] { "SourceId", "Ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SourceReferences_StudyId",
                table: "SourceReferences",
                column: "StudyId");

            migrationBuilder.CreateIndex(
                name: "IX_SourceReferences_TrialId",
                table: "SourceReferences",
                column: "TrialId");

            migrationBuilder.CreateIndex(
                name: "IX_Sources_ContentHash",
                table: "Sources",
                column: "ContentHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Sources_FileName_PartIndex",
                table: "Sources",
                columns: new[] { "FileName", "PartIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Sources_ImportedAt",
                table: "Sources",
                column: "ImportedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Studies_CellSourceFacet",
                table: "Studies",
                column: "CellSourceFacet");

            migrationBuilder.CreateIndex(
                name: "IX_Studies_Doi",
                table: "Studies",
                column: "Doi",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Studies_EvidenceLevel",
                table: "Studies",
                column: "EvidenceLevel");

            migrationBuilder.CreateIndex(
                name: "IX_Studies_FacetsVersion",
                table: "Studies",
                column: "FacetsVersion");

            migrationBuilder.CreateIndex(
                name: "IX_Studies_LibraryId",
                table: "Studies",
                column: "LibraryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Studies_Participants",
                table: "Studies",
                column: "Participants");

            migrationBuilder.CreateIndex(
                name: "IX_Studies_PhaseFacet",
                table: "Studies",
                column: "PhaseFacet");

            migrationBuilder.CreateIndex(
                name: "IX_Studies_Pmid",
                table: "Studies",
                column: "Pmid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Studies_RouteFacet",
                table: "Studies",
                column: "RouteFacet");

            migrationBuilder.CreateIndex(
                name: "IX_Studies_Title",
                table: "Studies",
                column: "Title");

            migrationBuilder.CreateIndex(
                name: "IX_Studies_Year",
                table: "Studies",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_StudyTherapyTypes_TherapyTypesId",
                table: "StudyTherapyTypes",
                column: "TherapyTypesId");

            migrationBuilder.CreateIndex(
                name: "IX_StudyTrials_TrialsId",
                table: "StudyTrials",
                column: "TrialsId");

            migrationBuilder.CreateIndex(
                name: "IX_Tags_NormalizedName",
                table: "Tags",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TherapyTypes_Slug",
                table: "TherapyTypes",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrialTherapyTypes_TrialsId",
                table: "TrialTherapyTypes",
                column: "TrialsId");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_CellSourceFacet",
                table: "Trials",
                column: "CellSourceFacet");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_Enrollment",
                table: "Trials",
                column: "Enrollment");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_EvidenceLevel",
                table: "Trials",
                column: "EvidenceLevel");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_FacetsVersion",
                table: "Trials",
                column: "FacetsVersion");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_NctId",
                table: "Trials",
                column: "NctId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Trials_Phase",
                table: "Trials",
                column: "Phase");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_RouteFacet",
                table: "Trials",
                column: "RouteFacet");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_StatusFacet",
                table: "Trials",
                column: "StatusFacet");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_Title",
                table: "Trials",
                column: "Title");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Accounts");

            migrationBuilder.DropTable(
                name: "ChangeRecords");

            migrationBuilder.DropTable(
                name: "ClaimTags");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "EvidenceLinks");

            migrationBuilder.DropTable(
                name: "SourceReferences");

            migrationBuilder.DropTable(
                name: "StudyTherapyTypes");

            migrationBuilder.DropTable(
                name: "StudyTrials");

            migrationBuilder.DropTable(
                name: "TrialTherapyTypes");

            migrationBuilder.DropTable(
                name: "Tags");

            migrationBuilder.DropTable(
                name: "Claims");

            migrationBuilder.DropTable(
                name: "Studies");

            migrationBuilder.DropTable(
                name: "TherapyTypes");

            migrationBuilder.DropTable(
                name: "Trials");

            migrationBuilder.DropTable(
                name: "Sources");
        }
    }
}
