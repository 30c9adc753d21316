using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace KnowledgeBase.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Sources",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    TitleOrigin = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Publisher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    OriginalText = table.Column<string>(type: "TEXT", nullable: false),
                    CleanedText = table.Column<string>(type: "TEXT", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    PartIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Studies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LibraryId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ShortLabel = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Authors = table.Column<string>(type: "TEXT", nullable: true),
                    Journal = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    Volume = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Issue = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Pages = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Doi = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Pmid = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Pmcid = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    PhaseText = table.Column<string>(type: "TEXT", nullable: true),
                    Design = table.Column<string>(type: "TEXT", nullable: true),
                    Participants = table.Column<int>(type: "INTEGER", nullable: true),
                    ParticipantsDetail = table.Column<string>(type: "TEXT", nullable: true),
                    CellType = table.Column<string>(type: "TEXT", nullable: true),
                    CellSource = table.Column<string>(type: "TEXT", nullable: true),
                    Route = table.Column<string>(type: "TEXT", nullable: true),
                    Dosing = table.Column<string>(type: "TEXT", nullable: true),
                    MainResults = table.Column<string>(type: "TEXT", nullable: true),
                    Unverified = table.Column<string>(type: "TEXT", nullable: false),
                    VerifiedFrom = table.Column<string>(type: "TEXT", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Studies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TherapyTypes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TherapyTypes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Trials",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NctId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    PhaseText = table.Column<string>(type: "TEXT", nullable: true),
                    Design = table.Column<string>(type: "TEXT", nullable: true),
                    Enrollment = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Sponsor = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Intervention = table.Column<string>(type: "TEXT", nullable: true),
                    Provenance = table.Column<string>(type: "TEXT", nullable: false),
                    Unverified = table.Column<string>(type: "TEXT", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Trials", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Quote = table.Column<string>(type: "TEXT", nullable: false),
                    Start = table.Column<int>(type: "INTEGER", nullable: false),
                    End = table.Column<int>(type: "INTEGER", nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Suffix = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IsOrphaned = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    StudiesId = table.Column<int>(type: "INTEGER", nullable: false),
                    TherapyTypesId = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Pmid = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Doi = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NctId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    StudyId = table.Column<int>(type: "INTEGER", nullable: true),
                    TrialId = table.Column<int>(type: "INTEGER", nullable: true)
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
                    StudiesId = table.Column<int>(type: "INTEGER", nullable: false),
                    TrialsId = table.Column<int>(type: "INTEGER", nullable: false)
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
                    TherapyTypesId = table.Column<int>(type: "INTEGER", nullable: false),
                    TrialsId = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "EvidenceLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClaimId = table.Column<int>(type: "INTEGER", nullable: false),
                    StudyId = table.Column<int>(type: "INTEGER", nullable: true),
                    TrialId = table.Column<int>(type: "INTEGER", nullable: true),
                    Relation = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Assessment = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                name: "IX_Claims_SourceId_Start",
                table: "Claims",
                columns: new[] { "SourceId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_Status_CreatedAt",
                table: "Claims",
                columns: new[] { "Status", "CreatedAt" });

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
                name: "IX_Studies_Doi",
                table: "Studies",
                column: "Doi",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Studies_LibraryId",
                table: "Studies",
                column: "LibraryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Studies_Pmid",
                table: "Studies",
                column: "Pmid",
                unique: true);

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
                name: "IX_TherapyTypes_Slug",
                table: "TherapyTypes",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrialTherapyTypes_TrialsId",
                table: "TrialTherapyTypes",
                column: "TrialsId");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_NctId",
                table: "Trials",
                column: "NctId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
